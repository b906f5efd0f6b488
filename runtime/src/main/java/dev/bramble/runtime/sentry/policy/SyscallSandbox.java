package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.seccomp.ContainerFilters;
import dev.bramble.runtime.seccomp.SeccompConfig;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.function.IntSupplier;

/**
 * One container's syscall sandbox, as the sentry uses it: the compiled filters to install into each container
 * process, and the handler of the stops they cause. Built once per container, in the sentry, before any setup.
 */
public final class SyscallSandbox {
  private final ContainerFilters filters;
  private final SeccompStopHandler handler;

  private SyscallSandbox(ContainerFilters filters, SeccompStopHandler handler) {
    this.filters = filters;
    this.handler = handler;
  }

  /**
   * @param processCount how many processes the container has (sysinfo reports it)
   * @param straceFlag the global {@code --strace}; the annotation {@code dev.bramble.strace=true} also turns it on
   */
  public static SyscallSandbox build(LinuxKernel kernel, Arch arch, ContainerConfig config, IntSupplier processCount,
      Logger log, boolean straceFlag) {
    SeccompConfig seccomp = config.seccomp();
    ContainerFilters filters = ContainerFilters.compile(kernel, arch, config.process().capabilities().bounding(),
        seccomp, log);
    Utsname uname = Utsname.forContainer(Utsname.host(arch.unameName()), config.hostname(), config.domainname(),
        seccomp.unameRelease());
    SeccompStopHandler handler = new SeccompStopHandler(kernel, arch.registers(), filters.traps(),
        UnameEmulator.of(uname, arch),
        SysinfoEmulator.forLimit(seccomp.memoryLimit(), processCount), new SyscallCounters(arch.syscalls()), log,
        config.id(), straceFlag || seccomp.strace(), config.personality() == null ? 0 : config.personality());
    if (log.isDebugEnabled()) {
      StringBuilder s = new StringBuilder("seccomp: " + config.id() + (seccomp.trapAll() ? " (trap-all)" : ""));
      filters.filters().forEach(f -> s.append(", ").append(f.name()).append(' ').append(f.instructions())
          .append(" instructions"));
      log.debug(s.toString());
    }
    return new SyscallSandbox(filters, handler);
  }

  /** Installs the container's filters into a process being set up (see {@link ContainerFilters#installInto}). */
  public void installInto(RemoteSyscalls process) {
    filters.installInto(process);
  }

  /** The stop handler the sentry's event loop calls. */
  public SeccompStopHandler stops() {
    return handler;
  }

  public SyscallCounters.Snapshot counters() {
    return handler.counters().snapshot();
  }
}
