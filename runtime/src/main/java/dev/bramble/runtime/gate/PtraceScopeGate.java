package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.Capabilities;
import dev.bramble.runtime.host.YamaFacts;
import java.util.Optional;

/**
 * Yama can forbid ptrace. Scope 1 (descendants only) is fine because the sentry spawns the processes it traces;
 * 2 needs CAP_SYS_PTRACE; 3 forbids attaching altogether (gVisor then dies with a panic only its boot log shows).
 */
final class PtraceScopeGate implements Gate {
  private static final String TITLE = "ptrace permission";
  private static final String WHY = "the sentry traces every container process with ptrace";

  @Override
  public String id() {
    return GateIds.PTRACE_SCOPE;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    YamaFacts yama = input.host().yama();
    if (yama.scope().isEmpty()) {
      return Optional.of(Verdict.pass(id(), TITLE, "no Yama", yama.source(), WHY + "; nothing restricts it"));
    }
    int scope = yama.scope().getAsInt();
    String measured = "ptrace_scope " + scope;
    return Optional.of(switch (scope) {
      case 0 -> Verdict.pass(id(), TITLE, measured + " (classic)", yama.source(), WHY);
      case 1 -> Verdict.pass(id(), TITLE, measured + " (descendants only)", yama.source(),
          WHY + "; it traces only processes it spawned itself, which scope 1 allows");
      case 2 -> input.host().capabilities().has(Capabilities.CAP_SYS_PTRACE)
          ? Verdict.pass(id(), TITLE, measured + " (admin only), bramble has CAP_SYS_PTRACE", yama.source(), WHY)
          : Verdict.fail(id(), TITLE, measured + " (admin only) and bramble lacks CAP_SYS_PTRACE",
              yama.source() + ", " + input.host().capabilities().source(), WHY, GateRemedies.yamaScope2());
      case 3 -> Verdict.fail(id(), TITLE, measured + " (no attach)", yama.source(),
          WHY + "; scope 3 forbids every ptrace attach, even by root", GateRemedies.yamaScope3());
      default -> Verdict.fail(id(), TITLE, measured + " (unknown value)", yama.source(),
          WHY + "; an unknown scope is treated as forbidding it", GateRemedies.yamaScope3());
    });
  }
}
