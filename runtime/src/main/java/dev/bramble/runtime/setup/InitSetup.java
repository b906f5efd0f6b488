package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.List;

/**
 * Everything the container's init does between its birth and the execve at {@code start}, in runc's order
 * (standard_init_linux.go): root filesystem and pivot_root, hostname, read-only and masked paths, read-only root,
 * then credentials. The seccomp filters, when they come, go last.
 */
public final class InitSetup {
  private final ContainerConfig config;
  private final OpenFlags openFlags;
  private final int lastCapability;

  public InitSetup(ContainerConfig config, OpenFlags openFlags, int lastCapability) {
    this.config = config;
    this.openFlags = openFlags;
    this.lastCapability = lastCapability;
  }

  /**
   * @param mountsBefore the init's mountinfo as read from the host before any change
   * @param cgroups the host's cgroup filesystem layout
   */
  /** @return the fd of the terminal's master in the init, or -1 without process.terminal */
  public int run(RemoteSyscalls init, List<MountInfo> mountsBefore, CgroupFilesystem cgroups) {
    init.umask(0); // device nodes and directories get exactly the modes config.json asks for
    new RootfsSetup(init, openFlags, config, mountsBefore, cgroups).buildAndPivot();
    int consoleMaster = config.process().terminal()
        ? new ConsoleSetup(init, openFlags).attach(config.process().consoleSize(), true) : -1;
    ProcessSetup process = new ProcessSetup(init, config, lastCapability);
    process.identity();
    new PathMasking(init, openFlags).apply(config.maskedPaths(), config.readonlyPaths());
    process.readonlyRoot();
    process.credentials();
    return consoleMaster;
  }
}
