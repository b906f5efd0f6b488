package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.List;

/**
 * Everything the container's init does between its birth and the execve at {@code start}, in runc's order
 * (standard_init_linux.go): root filesystem and pivot_root, hostname, read-only and masked paths, read-only root,
 * then credentials. The seccomp filters go last: after no_new_privs, or when no_new_privs is off, just before the
 * capabilities are dropped (their installation then needs CAP_SYS_ADMIN), as runc does.
 */
public final class InitSetup {
  private final ContainerConfig config;
  private final OpenFlags openFlags;
  private final int lastCapability;
  private final java.util.function.Consumer<RemoteSyscalls> installSeccomp;

  public InitSetup(ContainerConfig config, OpenFlags openFlags, int lastCapability) {
    this(config, openFlags, lastCapability, process -> {});
  }

  /** @param installSeccomp installs the container's seccomp filters: the last step (before the capability drop) */
  public InitSetup(ContainerConfig config, OpenFlags openFlags, int lastCapability,
      java.util.function.Consumer<RemoteSyscalls> installSeccomp) {
    this.config = config;
    this.openFlags = openFlags;
    this.lastCapability = lastCapability;
    this.installSeccomp = installSeccomp;
  }

  /**
   * @param mountsBefore the init's mountinfo as read from the host before any change
   * @param cgroups the host's cgroup filesystem layout
   */
  /** @return the fd of the terminal's master in the init, or -1 without process.terminal */
  public int run(RemoteSyscalls init, List<MountInfo> mountsBefore, CgroupFilesystem cgroups) {
    return run(init, mountsBefore, cgroups, () -> {});
  }

  /** As above, calling {@code beforePivot} once the mounts exist, just before pivot_root (for OCI hooks). */
  public int run(RemoteSyscalls init, List<MountInfo> mountsBefore, CgroupFilesystem cgroups,
      Runnable beforePivot) {
    init.umask(0); // device nodes and directories get exactly the modes config.json asks for
    new RootfsSetup(init, openFlags, config, mountsBefore, cgroups).buildAndPivot(beforePivot);
    int consoleMaster = config.process().terminal()
        ? new ConsoleSetup(init, openFlags).attach(config.process().consoleSize(), true) : -1;
    ProcessSetup process = new ProcessSetup(init, config, lastCapability, installSeccomp);
    process.identity();
    new SysctlSetup(init).apply(config.sysctl());
    if (!config.launch().noNewKeyring()) {
      // runc's "_ses.<id>": the container does not share the caller's session keyring
      init.joinSessionKeyring("_ses." + config.id());
    }
    new PathMasking(init, openFlags).apply(config.maskedPaths(), config.readonlyPaths());
    process.readonlyRoot();
    process.credentials();
    return consoleMaster;
  }
}
