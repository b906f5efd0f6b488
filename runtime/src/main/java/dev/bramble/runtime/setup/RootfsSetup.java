package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.MountConfig;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the container's root filesystem from inside its init (still in the host's view of paths, in its own mount
 * namespace): propagation, the rootfs bind mount, config.json's mounts, /dev, then pivot_root. Mirrors runc's
 * prepareRootfs; every mount target is resolved inside the root and addressed by fd ({@link InRootPaths}).
 */
public final class RootfsSetup {
  private static final int MNT_DETACH = 2;

  private final RemoteSyscalls sys;
  private final OpenFlags openFlags;
  private final ContainerConfig config;
  private final List<MountInfo> mountsBefore;
  private final CgroupFilesystem cgroups;

  /**
   * @param mountsBefore the init's /proc/PID/mountinfo before setup (read from the host side)
   * @param cgroups how the host's cgroup filesystems are laid out, for "cgroup" mounts
   */
  public RootfsSetup(RemoteSyscalls sys, OpenFlags openFlags, ContainerConfig config, List<MountInfo> mountsBefore,
      CgroupFilesystem cgroups) {
    this.sys = sys;
    this.openFlags = openFlags;
    this.config = config;
    this.mountsBefore = mountsBefore;
    this.cgroups = cgroups;
  }

  /** Everything up to and including pivot_root; afterwards "/" is the container's root. */
  public void buildAndPivot() {
    buildAndPivot(() -> {});
  }

  /**
   * As {@link #buildAndPivot()}, calling {@code beforePivot} once the mounts exist and just before pivot_root:
   * where the OCI prestart, createRuntime and createContainer hooks run.
   */
  public void buildAndPivot(Runnable beforePivot) {
    String rootfs = config.rootfs().toString();
    sys.mount("", "/", "", config.rootPropagation(), "");
    makeParentMountPrivate(rootfs);
    sys.mount(rootfs, rootfs, "bind", MountFlags.BIND | MountFlags.REC, "");
    int rootFd = sys.openat(RemoteSyscalls.AT_FDCWD, rootfs,
        OpenFlags.O_PATH | OpenFlags.O_CLOEXEC | openFlags.directory(), 0);
    InRootPaths paths = new InRootPaths(sys, openFlags, rootFd);
    for (MountConfig m : config.mounts()) {
      mount(paths, m);
    }
    if (needsDevSetup()) {
      new DeviceSetup(sys, paths, config.createsNamespace(dev.bramble.runtime.config.NamespaceType.USER))
          .createAll(config.devices());
    }
    sys.close(paths.mkdirs(config.process().cwd(), 0755));
    sys.close(rootFd);
    beforePivot.run();
    if (config.launch().noPivot()) {
      moveAndChroot(rootfs);
    } else {
      pivot(rootfs);
    }
  }

  /**
   * --no-pivot (for a rootfs on ramfs, where pivot_root is refused): move the rootfs mount over "/" and chroot into
   * it, as runc's msMoveRoot does. Weaker than pivot_root — the old root stays mounted underneath — so only on request.
   */
  private void moveAndChroot(String rootfs) {
    sys.chdir(rootfs);
    sys.mount(rootfs, "/", "", MountFlags.MOVE, "");
    sys.chroot(".");
    sys.chdir("/");
  }

  /** pivot_root(2) needs the new root's parent mount not to be shared (runc rootfsParentMountPrivate). */
  private void makeParentMountPrivate(String rootfs) {
    if ((config.rootPropagation() & MountFlags.SHARED) == 0) {
      return; // the recursive slave/private change above already unshared every mount
    }
    MountInfo.containing(mountsBefore, rootfs)
        .ifPresent(parent -> sys.mount("", parent.mountPoint(), "", MountFlags.PRIVATE, ""));
  }

  /** runc creates /dev's nodes and links unless /dev is bind-mounted from the host. */
  private boolean needsDevSetup() {
    return config.mounts().stream()
        .noneMatch(m -> InRootPaths.relative(m.destination()).equals("dev") && m.options().bind());
  }

  private void mount(InRootPaths paths, MountConfig m) {
    if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
      cgroups.mount(sys, paths, m, config);
      return;
    }
    if (m.options().bind()) {
      bindMount(paths, m);
    } else {
      int target = paths.mkdirs(m.destination(), 0755);
      try {
        String source = m.source() == null || m.source().isEmpty() ? "none" : m.source();
        sys.mount(source, InRootPaths.fdPath(target), m.type(), m.options().flags() & ~MountFlags.REMOUNT,
            m.options().data());
      } finally {
        sys.close(target);
      }
    }
    applyPropagation(paths, m);
  }

  private void bindMount(InRootPaths paths, MountConfig m) {
    Path source = config.bundle().resolve(m.source() == null ? "" : m.source()).normalize();
    if (!Files.exists(source)) {
      throw new ConfigException(m.jsonPath() + ".source", "bind mount source " + source + " does not exist",
          "create it on the host or fix the mount's source");
    }
    int target = Files.isDirectory(source) ? paths.mkdirs(m.destination(), 0755) : paths.touch(m.destination(), 0644);
    try {
      sys.mount(source.toString(), InRootPaths.fdPath(target), "", MountFlags.BIND
          | (m.options().flags() & MountFlags.REC), "");
    } finally {
      sys.close(target);
    }
    if (m.options().remountFlags() != 0) {
      remountBind(paths, m.destination(), m.options().remountFlags(), m.options().clearedFlags());
    }
  }

  /** A bind mount takes flags only through a remount, which must repeat the locked flags it inherited. */
  void remountBind(InRootPaths paths, String destination, long flags, long cleared) {
    int mounted = paths.open(destination, 0);
    try {
      String fd = InRootPaths.fdPath(mounted);
      long locked = MountFlags.lockedFromStatfs(sys.statfsFlags(fd)) & ~cleared;
      sys.mount("", fd, "", MountFlags.BIND | MountFlags.REMOUNT | flags | locked, "");
    } finally {
      sys.close(mounted);
    }
  }

  private void applyPropagation(InRootPaths paths, MountConfig m) {
    if (m.options().propagation() == 0) {
      return;
    }
    int mounted = paths.open(m.destination(), 0);
    try {
      sys.mount("", InRootPaths.fdPath(mounted), "", m.options().propagation(), "");
    } finally {
      sys.close(mounted);
    }
  }

  /** runc's pivotRoot: pivot onto ".", then detach the old root from under ourselves without a put_old dir. */
  private void pivot(String rootfs) {
    int oldRoot = sys.openat(RemoteSyscalls.AT_FDCWD, "/", OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC
        | openFlags.directory(), 0);
    int newRoot = sys.openat(RemoteSyscalls.AT_FDCWD, rootfs, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC
        | openFlags.directory(), 0);
    try {
      sys.fchdir(newRoot);
      sys.pivotRoot(".", ".");
      sys.fchdir(oldRoot);
      // keep the unmount below from propagating back to the host
      sys.mount("", ".", "", MountFlags.SLAVE | MountFlags.REC, "");
      sys.umount2(".", MNT_DETACH);
      sys.chdir("/");
    } finally {
      sys.close(oldRoot);
      sys.close(newRoot);
    }
  }
}
