package dev.bramble.runtime.setup;

import dev.bramble.runtime.config.ContainerConfig.DeviceConfig;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.List;

/**
 * The container's /dev: device nodes (mknod, or bind mounts of the host's nodes inside a user namespace, where
 * mknod is not allowed), the standard symlinks, and /dev/ptmx pointing at the container's devpts.
 */
final class DeviceSetup {
  private static final int S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFBLK = 0060000;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final List<String[]> SYMLINKS = List.of(
      new String[] {"/proc/self/fd", "/dev/fd"},
      new String[] {"/proc/self/fd/0", "/dev/stdin"},
      new String[] {"/proc/self/fd/1", "/dev/stdout"},
      new String[] {"/proc/self/fd/2", "/dev/stderr"},
      new String[] {"pts/ptmx", "/dev/ptmx"});

  private final RemoteSyscalls sys;
  private final InRootPaths paths;
  private final boolean inUserNamespace;

  DeviceSetup(RemoteSyscalls sys, InRootPaths paths, boolean inUserNamespace) {
    this.sys = sys;
    this.paths = paths;
    this.inUserNamespace = inUserNamespace;
  }

  void createAll(List<DeviceConfig> devices) {
    for (DeviceConfig d : devices) {
      create(d);
    }
    for (String[] link : SYMLINKS) {
      InRootPaths.ParentAndName p = paths.parentOf(link[1]);
      try {
        sys.symlinkat(link[0], p.parentFd(), p.name());
      } catch (SyscallException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      } finally {
        sys.close(p.parentFd());
      }
    }
  }

  private void create(DeviceConfig d) {
    if (inUserNamespace) {
      int target = paths.touch(d.path(), 0644);
      try {
        sys.mount(d.path(), InRootPaths.fdPath(target), "bind", MountFlags.BIND, "");
      } finally {
        sys.close(target);
      }
      return;
    }
    InRootPaths.ParentAndName p = paths.parentOf(d.path());
    try {
      try {
        sys.mknodat(p.parentFd(), p.name(), typeBits(d.type()) | (d.fileMode() & 07777),
            encode(d.major(), d.minor()));
      } catch (SyscallException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
      sys.fchownat(p.parentFd(), p.name(), d.uid(), d.gid(), AT_SYMLINK_NOFOLLOW);
    } finally {
      sys.close(p.parentFd());
    }
  }

  private static int typeBits(char type) {
    return switch (type) {
      case 'b' -> S_IFBLK;
      case 'p' -> S_IFIFO;
      default -> S_IFCHR; // 'c' and 'u' (unbuffered character device)
    };
  }

  /** The kernel's new_encode_dev: the 32-bit dev_t that mknodat(2) takes. */
  static long encode(long major, long minor) {
    return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12);
  }
}
