package dev.bramble.shim.task;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.container.BundleLoader;
import dev.bramble.runtime.container.ContainerWiring;
import dev.bramble.runtime.container.GatedBundle;
import dev.bramble.runtime.container.StateStore;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.hooks.ContainerHooks;
import dev.bramble.runtime.hooks.SentryHooks;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.sentry.Sentry;
import dev.bramble.runtime.sentry.TraceeExitedException;
import dev.bramble.shim.api.TaskRequests;
import dev.bramble.shim.ttrpc.Code;
import dev.bramble.shim.ttrpc.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Create, in the order that leaves nothing behind on failure: mount containerd's snapshot, load and gate the bundle
 * (a failed gate reaches {@code ctr} as the error message), open the stdio, build the container under a new sentry
 * (left stopped before the entrypoint's execve). Each step undoes the earlier ones when a later one fails.
 */
final class ContainerLauncher {
  private final LinuxKernel kernel;
  private final Logger log;
  private final RootfsMounts mounts;

  ContainerLauncher(LinuxKernel kernel, Logger log) {
    this.kernel = kernel;
    this.log = log;
    this.mounts = new RootfsMounts(kernel);
  }

  ShimContainer create(TaskRequests.Create request) {
    String id = request.id();
    try {
      StateStore.validId(id);
    } catch (BrambleException e) {
      throw RpcException.invalidArgument(e.getMessage());
    }
    Path bundle = Path.of(request.bundle());
    if (!bundle.isAbsolute() || !Files.isRegularFile(bundle.resolve("config.json"))) {
      throw RpcException.invalidArgument("create " + id + ": bundle " + request.bundle()
          + " is not an absolute path to a directory holding config.json");
    }
    if (!request.checkpoint().isEmpty()) {
      throw RpcException.unimplemented("create " + id + ": restoring from a checkpoint is not supported by "
          + "bramble; create the task without --checkpoint");
    }
    DeleteAnswer.clear(bundle);
    Path mounted = mounts.mount(bundle, request.rootfs());
    try {
      GatedBundle gated = load(id, bundle);
      boolean terminal = gated.loaded().config().process().terminal();
      if (request.terminal() != terminal) {
        throw RpcException.invalidArgument("create " + id + ": Create.terminal is " + request.terminal()
            + " but process.terminal in config.json is " + terminal + "; they must agree");
      }
      ContainerCgroup cgroup = createCgroup(gated, id);
      ShimProcess init = new ShimProcess(id, "", request.stdin(), request.stdout(), request.stderr(), terminal,
          null);
      Stdio stdio;
      try {
        // with a terminal the process's stdio is the pty the sentry makes; the FIFOs are relayed to its master
        stdio = terminal ? Stdio.open(kernel, id, "", "", "")
            : Stdio.open(kernel, id, request.stdin(), request.stdout(), request.stderr());
      } catch (RuntimeException e) {
        ContainerWiring.removeCgroup(cgroup, log);
        throw e;
      }
      init.stdio = stdio;
      ContainerHooks hooks = ContainerWiring.hooks(kernel, log, gated.loaded().spec().hooks(),
          gated.loaded().config());
      Sentry sentry = new Sentry(kernel, Arch.host(), gated.layout(), log, id);
      if (cgroup != null) {
        sentry.onStub(cgroup::place); // each stub joins while still stopped: all it clones is born there
      }
      SentryHooks.attach(sentry, hooks, gated.loaded().config());
      try {
        init.pid = sentry.create(gated.loaded().config(), OptionalInt.empty(), stdio.childFds());
        stdio.releaseChildCopies();
        if (terminal) {
          int master = sentry.takeConsoleMaster().orElseThrow(() -> new IllegalStateException(
              "the sentry made no terminal for process.terminal"));
          init.console = new ConsoleRelay(kernel, master, id, request.stdin(), request.stdout());
        }
        InitRecord.write(bundle, init.pid);
      } catch (RuntimeException e) {
        sentry.close();
        stdio.close();
        ContainerWiring.removeCgroup(cgroup, log);
        throw setupFailure(id, e);
      }
      return new ShimContainer(id, bundle, gated.loaded().config(), request.rootfs(), mounted, sentry, init, cgroup,
          hooks);
    } catch (RuntimeException e) {
      mounts.unmountAll(mounted);
      throw e;
    }
  }

  private GatedBundle load(String id, Path bundle) {
    try {
      return GatedBundle.load(kernel, new BundleLoader(new ConfigTranslator(Capability.hostLast())), id, bundle,
          GateDowngrades.NONE, log);
    } catch (BrambleException e) {
      throw new RpcException(Code.FAILED_PRECONDITION, e.getMessage(), e);
    }
  }

  /**
   * The container's cgroups from config.json's cgroupsPath and resources (containerd sends "/ns/id", or systemd's
   * "slice:prefix:name" when its cgroup driver is systemd). Refused, like a failed gate, when they cannot be made.
   */
  private ContainerCgroup createCgroup(GatedBundle gated, String id) {
    String path = gated.loaded().spec().linux() == null ? null : gated.loaded().spec().linux().cgroupsPath();
    boolean systemd = path != null && !path.startsWith("/") && path.split(":").length == 3;
    try {
      return ContainerWiring.createCgroup(kernel, log, gated.loaded(), id, systemd, GateDowngrades.NONE);
    } catch (BrambleException e) {
      throw new RpcException(Code.FAILED_PRECONDITION, e.getMessage(), e);
    }
  }

  private static RpcException setupFailure(String id, RuntimeException e) {
    if (e instanceof RpcException r) {
      return r;
    }
    if (e instanceof ConfigException) {
      return RpcException.invalidArgument("create " + id + ": config.json: " + e.getMessage());
    }
    if (e instanceof SyscallException || e instanceof TraceeExitedException) {
      return new RpcException(Code.UNKNOWN, "create " + id + ": container setup failed: " + e.getMessage(), e);
    }
    return new RpcException(Code.UNKNOWN, "create " + id + ": " + e, e);
  }

  /** What Delete does once the container's processes are gone: cgroups, rootfs, then the poststop hooks. */
  /** @return whether the rootfs is no longer mounted (then the delete subcommand has nothing left to do) */
  boolean cleanUp(ShimContainer c) {
    if (c.oomWatcher != null) {
      c.oomWatcher.close();
    }
    ContainerWiring.removeCgroup(c.cgroup, log);
    mounts.unmountAll(c.mountedRootfs);
    try {
      c.hooks.run(dev.bramble.runtime.hooks.HookKind.POSTSTOP, 0, dev.bramble.runtime.hooks.HookTarget.RUNTIME);
    } catch (RuntimeException e) {
      log.warning("delete " + c.id + ": poststop hook: " + e.getMessage());
    }
    return c.mountedRootfs == null || !RootfsMounts.isMountPoint(c.mountedRootfs);
  }
}
