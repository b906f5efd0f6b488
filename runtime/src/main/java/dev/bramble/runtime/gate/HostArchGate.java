package dev.bramble.runtime.gate;

import java.util.Optional;

/** bramble's sentry knows the syscall ABI and register layout of x86_64 and aarch64 only. */
final class HostArchGate implements Gate {
  private static final String TITLE = "host architecture";

  @Override
  public String id() {
    return GateIds.HOST_ARCH;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    var machine = input.host().machine();
    String why = "the sentry has syscall tables and register layouts for x86_64 and aarch64 only";
    if (input.host().arch().isPresent()) {
      return Optional.of(Verdict.pass(id(), TITLE, machine.value(), machine.source(), why));
    }
    return Optional.of(Verdict.fail(id(), TITLE, machine.value(), machine.source(), why,
        GateRemedies.hostArch(input.host())));
  }
}
