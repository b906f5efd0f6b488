package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.List;

/**
 * linux.maskedPaths (a directory gets an empty read-only tmpfs, anything else /dev/null bind-mounted over it) and
 * linux.readonlyPaths (a read-only bind mount onto itself), applied after pivot_root. Paths are resolved inside the
 * root and the mounts aimed at fds, so a symlink cannot redirect a mask outside the container; missing paths are
 * skipped, as in runc.
 */
final class PathMasking {
  private final RemoteSyscalls sys;
  private final OpenFlags openFlags;

  PathMasking(RemoteSyscalls sys, OpenFlags openFlags) {
    this.sys = sys;
    this.openFlags = openFlags;
  }

  void apply(List<String> masked, List<String> readonly) {
    if (masked.isEmpty() && readonly.isEmpty()) {
      return;
    }
    int rootFd = sys.openat(RemoteSyscalls.AT_FDCWD, "/", OpenFlags.O_PATH | OpenFlags.O_CLOEXEC
        | openFlags.directory(), 0);
    try {
      InRootPaths paths = new InRootPaths(sys, openFlags, rootFd);
      for (String path : readonly) {
        int fd = openIfPresent(paths, path, 0);
        if (fd < 0) {
          continue;
        }
        try {
          sys.mount(InRootPaths.fdPath(fd), InRootPaths.fdPath(fd), "", MountFlags.BIND | MountFlags.REC, "");
        } finally {
          sys.close(fd);
        }
        int mounted = paths.open(path, 0);
        try {
          String p = InRootPaths.fdPath(mounted);
          long locked = MountFlags.lockedFromStatfs(sys.statfsFlags(p));
          sys.mount("", p, "", MountFlags.BIND | MountFlags.REMOUNT | MountFlags.RDONLY | MountFlags.REC | locked,
              "");
        } finally {
          sys.close(mounted);
        }
      }
      String devNull = null;
      for (String path : masked) {
        int dir = openIfPresent(paths, path, openFlags.directory());
        if (dir >= 0) {
          try {
            sys.mount("tmpfs", InRootPaths.fdPath(dir), "tmpfs", MountFlags.RDONLY, "");
          } finally {
            sys.close(dir);
          }
          continue;
        }
        int file = openIfPresent(paths, path, 0);
        if (file >= 0) {
          try {
            if (devNull == null) {
              devNull = InRootPaths.fdPath(verifiedDevNull(paths));
            }
            sys.mount(devNull, InRootPaths.fdPath(file), "", MountFlags.BIND, "");
          } finally {
            sys.close(file);
          }
        }
      }
    } finally {
      sys.close(rootFd);
    }
  }

  /**
   * The container's /dev/null, opened without following any symlink and checked to be the 1:3 character device —
   * a /dev/null swapped for a symlink or a regular file (shared /dev, image tricks; runc's CVE-2025-31133) would
   * turn "mask this path" into "expose that file". The fd stays open until the init execs (O_CLOEXEC).
   */
  private int verifiedDevNull(InRootPaths paths) {
    int fd = sys.openat2(paths.rootFd(), "dev/null", OpenFlags.O_PATH | OpenFlags.O_CLOEXEC | openFlags.noFollow(),
        0, InRootPaths.RESOLVE_IN_ROOT | InRootPaths.RESOLVE_NO_SYMLINKS);
    RemoteSyscalls.FileStatus st = sys.fstat(fd);
    if (!st.isCharacterDevice() || st.rdevMajor() != 1 || st.rdevMinor() != 3) {
      sys.close(fd);
      throw new dev.bramble.runtime.config.ConfigException("linux.maskedPaths", "/dev/null in the container is not "
          + "the null device (mode 0" + Integer.toOctalString(st.mode()) + ", device " + st.rdevMajor() + ":"
          + st.rdevMinor() + "), so it cannot be used to mask files", "do not replace /dev/null in the image or "
          + "in a /dev mount");
    }
    return fd;
  }

  /** An O_PATH fd, or -1 if the path does not exist (or, with O_DIRECTORY, is not a directory). */
  private static int openIfPresent(InRootPaths paths, String path, int flags) {
    try {
      return paths.open(path, flags);
    } catch (SyscallException e) {
      if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR) {
        return -1;
      }
      throw e;
    }
  }
}
