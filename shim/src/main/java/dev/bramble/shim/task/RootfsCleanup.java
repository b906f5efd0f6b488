package dev.bramble.shim.task;

import dev.bramble.runtime.linux.LinuxKernel;
import java.nio.file.Path;

/** The rootfs unmount of Delete, for the {@code delete} subcommand that runs without the daemon. */
public final class RootfsCleanup {
  private final RootfsMounts mounts;

  public RootfsCleanup(LinuxKernel kernel) {
    this.mounts = new RootfsMounts(kernel);
  }

  /** Unmounts everything stacked on {@code rootfs}; nothing to do when it is not a mount point. */
  public void unmountAll(Path rootfs) {
    mounts.unmountAll(rootfs);
  }
}
