package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.sentry.RemoteSyscalls;

/**
 * Path operations confined to a container root, carried out by the container's init: every lookup is an
 * openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) from an fd of the root, so a symlink planted in an image
 * ("/dev -> /etc") resolves inside the root instead of escaping it, and targets are then addressed by fd
 * (/proc/self/fd/N) so nothing can be swapped between the lookup and the mount (runc's securejoin and
 * CVE-2021-30465 lessons).
 */
final class InRootPaths {
  static final long RESOLVE_NO_MAGICLINKS = 0x02, RESOLVE_NO_SYMLINKS = 0x04, RESOLVE_IN_ROOT = 0x10;

  private final RemoteSyscalls sys;
  private final OpenFlags openFlags;
  private final int rootFd;

  InRootPaths(RemoteSyscalls sys, OpenFlags openFlags, int rootFd) {
    this.sys = sys;
    this.openFlags = openFlags;
    this.rootFd = rootFd;
  }

  int rootFd() {
    return rootFd;
  }

  /** How the kernel should address an fd of the tracee as a path (mount targets and sources). */
  static String fdPath(int fd) {
    return "/proc/self/fd/" + fd;
  }

  /** An O_PATH fd of {@code path} (relative to the root), following symlinks only inside the root. */
  int open(String path, int extraFlags) {
    return sys.openat2(rootFd, relative(path), OpenFlags.O_PATH | OpenFlags.O_CLOEXEC | extraFlags, 0,
        RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
  }

  /** Like mkdir -p inside the root; returns an O_PATH fd of the directory. */
  int mkdirs(String path, int mode) {
    try {
      return open(path, openFlags.directory());
    } catch (SyscallException e) {
      if (e.errno() != Errno.ENOENT) {
        throw e;
      }
    }
    String rel = relative(path);
    int slash = rel.lastIndexOf('/');
    int parent = slash < 0 ? open(".", openFlags.directory()) : mkdirs(rel.substring(0, slash), mode);
    try {
      mkdirIfMissing(parent, rel.substring(slash + 1), mode);
    } finally {
      sys.close(parent);
    }
    return open(path, openFlags.directory());
  }

  /** Creates an empty regular file (a bind-mount target for a file) if nothing is there; returns an O_PATH fd. */
  int touch(String path, int mode) {
    try {
      return open(path, 0);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ENOENT) {
        throw e;
      }
    }
    String rel = relative(path);
    int slash = rel.lastIndexOf('/');
    int parent = slash < 0 ? open(".", openFlags.directory()) : mkdirs(rel.substring(0, slash), 0755);
    try {
      int fd = sys.openat(parent, rel.substring(slash + 1),
          OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_CLOEXEC | openFlags.noFollow(), mode);
      sys.close(fd);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EEXIST) {
        throw e;
      }
    } finally {
      sys.close(parent);
    }
    return open(path, 0);
  }

  /** An O_PATH fd of the directory that will hold {@code path}, created if needed, and the last component. */
  ParentAndName parentOf(String path) {
    String rel = relative(path);
    int slash = rel.lastIndexOf('/');
    int parent = slash < 0 ? open(".", openFlags.directory()) : mkdirs(rel.substring(0, slash), 0755);
    return new ParentAndName(parent, rel.substring(slash + 1));
  }

  record ParentAndName(int parentFd, String name) {}

  private void mkdirIfMissing(int parentFd, String name, int mode) {
    try {
      sys.mkdirat(parentFd, name, mode);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EEXIST) {
        throw e;
      }
    }
  }

  /** "/a//b/" → "a/b"; "/" → "." (openat2 with RESOLVE_IN_ROOT treats the path as relative to the root). */
  static String relative(String path) {
    StringBuilder b = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.length() == 0 ? "." : b.toString();
  }
}
