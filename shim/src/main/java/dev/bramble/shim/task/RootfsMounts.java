package dev.bramble.shim.task;

import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.config.MountOptions;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.ProcFs;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.setup.MountInfo;
import dev.bramble.shim.api.Mount;
import dev.bramble.shim.ttrpc.RpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts the snapshot containerd sends in Create ({@code rootfs}: overlay or bind entries) onto
 * {@code <bundle>/rootfs}, in order, in the shim's own mount namespace — and takes them off again. Option words
 * become mount flags as in runc (shared {@link MountOptions}); propagation words are applied by a second call.
 */
final class RootfsMounts {
  private static final int MNT_DETACH = 2;
  /** The kernel copies at most one page of mount data; containerd compacts lowerdirs past this (not done here). */
  private static final int MAX_DATA = 4096;
  private static final int MAX_UNMOUNTS = 64;

  private final LinuxKernel kernel;

  RootfsMounts(LinuxKernel kernel) {
    this.kernel = kernel;
  }

  /** @return the mount points, for {@link #unmountAll}; empty when containerd sent nothing to mount */
  Path mount(Path bundle, List<Mount> mounts) {
    Path rootfs = bundle.resolve("rootfs");
    if (mounts.isEmpty()) {
      return null;
    }
    try {
      Files.createDirectories(rootfs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
          "rwx--x--x")));
    } catch (IOException e) {
      throw new UncheckedIOException("create " + rootfs, e);
    }
    try {
      for (int i = 0; i < mounts.size(); i++) {
        mountOne(rootfs, mounts.get(i), i);
      }
    } catch (RuntimeException e) {
      unmountAll(rootfs);
      throw e;
    }
    return rootfs;
  }

  private void mountOne(Path rootfs, Mount m, int index) {
    String where = "Create.rootfs[" + index + "]";
    List<String> words = new ArrayList<>();
    for (String o : m.options()) {
      if (!o.startsWith("X-containerd.")) { // 2.x hints meant for the daemon, never for mount(2)
        words.add(o);
      }
    }
    MountOptions options;
    try {
      options = MountOptions.parse(words, where + ".options");
    } catch (ConfigException e) {
      throw RpcException.invalidArgument("mount the container's root filesystem: " + e.getMessage());
    }
    if (options.data().length() >= MAX_DATA) {
      throw RpcException.invalidArgument("mount the container's root filesystem: " + where + " has "
          + options.data().length() + " bytes of " + m.type() + " options, more than the kernel's one-page limit; "
          + "the image has too many layers for the bramble shim (lowerdir compaction is not implemented)");
    }
    Path target = rootfs;
    if (!m.target().isEmpty()) {
      Path joined = rootfs.resolve(m.target().replaceFirst("^/+", "")).normalize();
      if (!joined.startsWith(rootfs)) {
        throw RpcException.invalidArgument(where + ".target " + m.target() + " leaves the root filesystem");
      }
      target = joined;
    }
    String type = m.type().equals("bind") ? "none" : m.type();
    try {
      kernel.mount(m.source(), target.toString(), type, options.flags(), options.data());
      if (options.bind() && (options.flags() & MountFlags.RDONLY) != 0) {
        kernel.mount("", target.toString(), "", MountFlags.REMOUNT | MountFlags.BIND | options.remountFlags(),
            "");
      }
      if (options.propagation() != 0) {
        kernel.mount("", target.toString(), "", options.propagation(), "");
      }
    } catch (SyscallException e) {
      throw new RpcException(dev.bramble.shim.ttrpc.Code.UNKNOWN, "mount the container's root filesystem ("
          + where + "): " + e.getMessage());
    }
  }

  /** Unmounts everything stacked on {@code rootfs}, like containerd's UnmountAll; idempotent. */
  void unmountAll(Path rootfs) {
    if (rootfs == null) {
      return;
    }
    for (int i = 0; i < MAX_UNMOUNTS && isMountPoint(rootfs); i++) {
      try {
        kernel.umount2(rootfs.toString(), 0);
      } catch (SyscallException e) {
        if (e.errno() == Errno.EINVAL || e.errno() == Errno.ENOENT) {
          return;
        }
        if (e.errno() != Errno.EBUSY) {
          throw e;
        }
        kernel.umount2(rootfs.toString(), MNT_DETACH); // still in use (a process of ours has its cwd there)
      }
    }
  }

  static boolean isMountPoint(Path path) {
    try {
      String target = path.toAbsolutePath().normalize().toString();
      return MountInfo.parse(ProcFs.read(Path.of("/proc/self/mountinfo"))).stream()
          .anyMatch(m -> m.mountPoint().equals(target));
    } catch (IOException e) {
      return false;
    }
  }
}
