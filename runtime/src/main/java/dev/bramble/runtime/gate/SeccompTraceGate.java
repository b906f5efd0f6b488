package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.SeccompFacts;
import java.util.Optional;

/** The sentry's filter hands the syscalls it must decide to the tracer with SECCOMP_RET_TRACE. */
final class SeccompTraceGate implements Gate {
  private static final String TITLE = "seccomp RET_TRACE";
  private static final String WHY =
      "the sentry's seccomp filter sends every syscall it must decide to the tracer with SECCOMP_RET_TRACE";

  @Override
  public String id() {
    return GateIds.SECCOMP_TRACE;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    SeccompFacts seccomp = input.host().seccomp();
    if (!seccomp.actionsFileFound()) {
      String measured = SeccompFacts.ACTIONS + " absent"
          + (seccomp.statusField() ? "" : " and no Seccomp: line in /proc/self/status (no CONFIG_SECCOMP)");
      return Optional.of(Verdict.fail(id(), TITLE, measured, seccomp.source(),
          WHY + "; this kernel has no seccomp filters (needs Linux 4.14+ with CONFIG_SECCOMP_FILTER)",
          GateRemedies.seccompKernel()));
    }
    String measured = "actions_avail: " + seccomp.describeActions();
    if (!seccomp.hasTrace()) {
      return Optional.of(Verdict.fail(id(), TITLE, measured, SeccompFacts.ACTIONS,
          WHY + "; 'trace' is not among the actions this kernel accepts", GateRemedies.seccompKernel()));
    }
    return Optional.of(Verdict.pass(id(), TITLE, measured, SeccompFacts.ACTIONS, WHY));
  }
}
