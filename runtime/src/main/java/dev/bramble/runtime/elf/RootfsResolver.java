package dev.bramble.runtime.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a container path inside a rootfs directory without ever leaving it, the way runc's securejoin does: one
 * component at a time, never letting the host follow a symlink; an absolute symlink target restarts at the rootfs
 * root, and {@code ..} stops at the root. A rootfs is untrusted input, so {@code /bin/sh -> /../../etc/shadow} must
 * land on the rootfs's own {@code /etc/shadow}, never the host's.
 *
 * <p>This is for inspection before the container exists; the file may change afterwards, so nothing here grants
 * access to anything.
 */
public final class RootfsResolver {
  /** The kernel's limit on symlinks followed in one lookup (MAXSYMLINKS). */
  static final int MAX_SYMLINKS = 40;

  private final Path rootfs;

  public RootfsResolver(Path rootfs) {
    this.rootfs = rootfs;
  }

  public Path rootfs() {
    return rootfs;
  }

  /**
   * Resolves {@code path}: absolute paths start at the rootfs root, relative ones at {@code cwd} (itself a container
   * path). Every symlink on the way is resolved, the last component included.
   */
  public RootfsPath resolve(String cwd, String path) throws RootfsPathException {
    if (path.indexOf('\0') >= 0 || cwd.indexOf('\0') >= 0) {
      throw new RootfsPathException(RootfsPathException.Kind.NOT_FOUND, path, "contains a NUL byte");
    }
    String start = path.startsWith("/") ? path : cwd + "/" + path;
    Deque<String> pending = new ArrayDeque<>(split(start));
    List<String> resolved = new ArrayList<>();
    int symlinks = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      resolved.add(name);
      Path host = hostPath(resolved);
      BasicFileAttributes attributes = attributes(host, resolved);
      if (attributes == null) {
        throw new RootfsPathException(RootfsPathException.Kind.NOT_FOUND, containerPath(resolved), "");
      }
      if (attributes.isSymbolicLink()) {
        if (++symlinks > MAX_SYMLINKS) {
          throw new RootfsPathException(
              RootfsPathException.Kind.SYMLINK_LOOP, containerPath(resolved), "more than " + MAX_SYMLINKS);
        }
        String target = readLink(host, resolved);
        if (target.isEmpty()) {
          throw new RootfsPathException(
              RootfsPathException.Kind.NOT_FOUND, containerPath(resolved), "empty symlink target");
        }
        resolved.remove(resolved.size() - 1);
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetNames = split(target);
        for (int i = targetNames.size() - 1; i >= 0; i--) {
          pending.addFirst(targetNames.get(i));
        }
        continue;
      }
      if (!pending.isEmpty() && !attributes.isDirectory() && hasMoreNames(pending)) {
        throw new RootfsPathException(RootfsPathException.Kind.NOT_A_DIRECTORY, containerPath(resolved), "");
      }
    }
    return new RootfsPath(containerPath(resolved), hostPath(resolved));
  }

  private static boolean hasMoreNames(Deque<String> pending) {
    // "file/." and "file/" are still lookups through a non-directory; only the empty tail is harmless.
    return pending.stream().anyMatch(n -> !n.isEmpty());
  }

  private Path hostPath(List<String> names) {
    Path p = rootfs;
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }

  private static String containerPath(List<String> names) {
    return "/" + String.join("/", names);
  }

  private static BasicFileAttributes attributes(Path host, List<String> names) throws RootfsPathException {
    try {
      return Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RootfsPathException(RootfsPathException.Kind.UNREADABLE, containerPath(names), e.toString());
    }
  }

  private static String readLink(Path host, List<String> names) throws RootfsPathException {
    try {
      return Files.readSymbolicLink(host).toString();
    } catch (IOException e) {
      throw new RootfsPathException(RootfsPathException.Kind.UNREADABLE, containerPath(names), e.toString());
    }
  }

  private static List<String> split(String path) {
    List<String> names = new ArrayList<>();
    for (String n : path.split("/", -1)) {
      names.add(n);
    }
    return names;
  }
}
