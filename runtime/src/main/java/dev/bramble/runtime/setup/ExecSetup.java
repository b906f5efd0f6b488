package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.NamespaceConfig;
import dev.bramble.runtime.config.ContainerConfig.ProcessConfig;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.ArrayList;
import java.util.List;

/**
 * An additional process in a running container (runc exec): a fresh stub enters every namespace of the container's
 * init through /proc/INIT/ns/* (user first, so the rest are entered with its rights), then clones the process, which
 * takes the exec's credentials. New pid and time namespaces apply to the clone, which is why the stub clones.
 */
public final class ExecSetup {
  private final ContainerConfig container;
  private final ProcessConfig process;
  private final int lastCapability;
  private final java.util.function.Consumer<RemoteSyscalls> installSeccomp;

  public ExecSetup(ContainerConfig container, ProcessConfig process, int lastCapability) {
    this(container, process, lastCapability, child -> {});
  }

  /** @param installSeccomp installs the container's seccomp filters into the exec'd process, as into the init */
  public ExecSetup(ContainerConfig container, ProcessConfig process, int lastCapability,
      java.util.function.Consumer<RemoteSyscalls> installSeccomp) {
    this.container = container;
    this.process = process;
    this.lastCapability = lastCapability;
    this.installSeccomp = installSeccomp;
  }

  public void enterNamespaces(RemoteSyscalls stub, int initPid) {
    // open every handle first: once in the container's mount namespace, /proc is the container's and the
    // init's host pid no longer resolves
    List<Integer> fds = new ArrayList<>();
    try {
      for (NamespaceConfig ns : container.namespaces()) {
        fds.add(stub.openat(RemoteSyscalls.AT_FDCWD, "/proc/" + initPid + "/ns/" + ns.type().procName(),
            OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0));
      }
      for (int i = 0; i < fds.size(); i++) {
        NamespaceType type = container.namespaces().get(i).type();
        stub.setns(fds.get(i), (int) type.cloneFlag());
        if (type == NamespaceType.USER) {
          stub.setresgid(0, 0, 0);
          stub.setresuid(0, 0, 0);
        }
      }
    } finally {
      fds.forEach(stub::close);
    }
  }

  /** @return the fd of the terminal's master in the process, or -1 without process.terminal */
  public int prepareProcess(RemoteSyscalls child, OpenFlags openFlags) {
    int master = process.terminal() ? new ConsoleSetup(child, openFlags).attach(process.consoleSize(), false) : -1;
    new ProcessSetup(child, container, lastCapability, installSeccomp).credentials(process);
    return master;
  }
}
