package dev.bramble.runtime.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads host files below a root directory: {@code /} in production, a fixture tree in tests. Paths are given as the
 * host sees them ({@code /proc/cmdline}); a missing or unreadable file is an empty result, because "absent" is
 * itself a fact (no Yama, no kernel config) that the gates explain.
 */
public final class HostFiles {
  private final Path root;

  public HostFiles(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** True when reading the live host, where JVM properties describe the same machine. */
  public boolean isLiveRoot() {
    return root.toAbsolutePath().normalize().toString().equals("/");
  }

  public Path path(String hostPath) {
    return root.resolve(hostPath.startsWith("/") ? hostPath.substring(1) : hostPath);
  }

  public boolean exists(String hostPath) {
    return Files.exists(path(hostPath), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The whole file as text, or empty when it is missing or unreadable. Read as a stream, never by the size stat
   * reports: procfs files report size 0 and Files.readString then returns a truncated value.
   */
  public Optional<String> read(String hostPath) {
    return bytes(hostPath).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The first line, trimmed; empty when missing. */
  public Optional<String> firstLine(String hostPath) {
    return read(hostPath).map(text -> text.lines().findFirst().orElse("").trim());
  }

  public Optional<byte[]> bytes(String hostPath) {
    try (InputStream in = Files.newInputStream(path(hostPath))) {
      return Optional.of(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** File names in a directory (not following a symlinked directory's entries' links), sorted; empty if absent. */
  public List<String> list(String hostDir) {
    Path dir = path(hostDir);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The target of a symlink, when {@code hostPath} is one. */
  public Optional<String> symlinkTarget(String hostPath) {
    Path p = path(hostPath);
    if (!Files.isSymbolicLink(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readSymbolicLink(p).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
