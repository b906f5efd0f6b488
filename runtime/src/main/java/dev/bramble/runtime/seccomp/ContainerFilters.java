package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SeccompProgram;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seccomp filters of one container, compiled once in the sentry and installed into each of its processes (the
 * init, and every exec'd process) as the last step of setup: the sandbox filter, then the config.json profile. The
 * kernel runs every stacked filter and keeps the most restrictive answer (KILL &gt; TRAP &gt; ERRNO &gt; USER_NOTIF &gt;
 * TRACE &gt; LOG &gt; ALLOW), so the profile cannot loosen the sandbox and the sandbox cannot loosen the profile: a
 * profile's errno beats the sandbox's trace, the sandbox's kill beats the profile's allow. Between equal actions the
 * newest filter's data wins, which is why the profile goes on last: where both deny, the container sees the
 * profile's errno, as under runc.
 */
public final class ContainerFilters {
  /** One compiled filter and the seccomp(2) flags it is installed with. */
  public record Filter(String name, byte[] program, int flags) {
    public int instructions() {
      return program.length / 8;
    }
  }

  private final List<Filter> filters;
  private final TrapTable traps;

  ContainerFilters(List<Filter> filters, TrapTable traps) {
    this.filters = List.copyOf(filters);
    this.traps = traps;
  }

  /**
   * @param boundingCapabilities the container's capability bounding set
   * @throws dev.bramble.runtime.linux.SyscallException when libseccomp refuses a filter
   * @throws IllegalStateException when a filter is too large, or the sandbox filter could not place a row
   */
  public static ContainerFilters compile(LinuxKernel kernel, Arch arch, long boundingCapabilities,
      SeccompConfig config, Logger log) {
    List<Filter> filters = new ArrayList<>();
    SandboxFilter.Plan plan = SandboxFilter.plan(SandboxPolicy.defaults(), arch, boundingCapabilities,
        config.trapAll());
    SeccompProgram sandbox = kernel.compileSeccomp(plan.spec());
    if (!sandbox.unknownSyscalls().isEmpty()) {
      // fail closed: a row the filter lacks is a hole in the sandbox
      throw new IllegalStateException("the sandbox filter for " + arch.unameName() + " could not place its rows for "
          + sandbox.unknownSyscalls() + ": libseccomp " + kernel.libseccompVersion() + " does not know them; "
          + "upgrade libseccomp");
    }
    filters.add(checked(new Filter("sandbox filter", sandbox.bpf(), 0)));
    if (config.profile().isPresent()) {
      SeccompProfile profile = config.profile().get();
      Set<String> unknown = new HashSet<>(kernel.compileSeccomp(ProfileFilter.spec(profile, arch, Set.of()))
          .unknownSyscalls());
      SeccompProgram compiled = kernel.compileSeccomp(ProfileFilter.spec(profile, arch, unknown));
      if (!unknown.isEmpty() && log.isDebugEnabled()) {
        log.debug("seccomp profile: ignoring syscalls libseccomp " + kernel.libseccompVersion() + " does not know "
            + "(as runc does): " + String.join(", ", new java.util.TreeSet<>(unknown)));
      }
      filters.add(checked(new Filter("config.json seccomp profile", compiled.bpf(), profile.flags())));
    }
    return new ContainerFilters(filters, plan.traps());
  }

  private static Filter checked(Filter f) {
    if (f.instructions() > SeccompProgram.MAX_INSTRUCTIONS) {
      throw new IllegalStateException("the " + f.name() + " compiles to " + f.instructions() + " BPF instructions; "
          + "the kernel takes at most " + SeccompProgram.MAX_INSTRUCTIONS + " per filter; shorten the profile");
    }
    return f;
  }

  /**
   * Installs every filter into {@code process}, a tracee stopped at a syscall boundary that the sentry injects into.
   * Call it as the last setup step before execve (after no_new_privs), or, when no_new_privs is off, while the
   * process still has CAP_SYS_ADMIN (runc's order). Each later injected syscall passes the filters too.
   */
  public void installInto(RemoteSyscalls process) {
    for (Filter f : filters) {
      process.seccompFilter(f.program(), f.flags());
    }
  }

  public List<Filter> filters() {
    return filters;
  }

  /** How to read the data of the sandbox filter's trace stops. */
  public TrapTable traps() {
    return traps;
  }
}
