package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.LibseccompFacts;
import java.util.Optional;

/**
 * libseccomp resolves syscall names per architecture and compiles both the sentry's filter and the config.json
 * profile. 2.4 added SCMP_ACT_KILL_PROCESS and SCMP_ACT_LOG, which OCI profiles use.
 */
final class LibseccompGate implements Gate {
  private static final String TITLE = "libseccomp";

  @Override
  public String id() {
    return GateIds.LIBSECCOMP;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    LibseccompFacts lib = input.host().libseccomp();
    boolean profile = input.bundle().map(BundleFacts::seccompProfile).orElse(false);
    String why = "the sentry compiles its seccomp filter"
        + (profile ? " and config.json's linux.seccomp profile" : " (and any config.json linux.seccomp profile)")
        + " with libseccomp";
    if (lib.path().isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, "libseccomp.so.2 not found", lib.source(), why,
          GateRemedies.libseccompMissing()));
    }
    String measured = lib.version().map(v -> "libseccomp " + v).orElse("libseccomp of unknown version")
        + " (" + lib.path().get() + ")";
    if (lib.version().isEmpty()) {
      return Optional.of(Verdict.warn(id(), TITLE, measured, lib.source(),
          why + "; 2.4 or newer is needed and the file name does not tell the version",
          GateRemedies.libseccompVersionUnknown()));
    }
    if (!lib.atLeast(2, 4)) {
      return Optional.of(Verdict.fail(id(), TITLE, measured, lib.source(),
          why + "; 2.4 or newer is needed (SCMP_ACT_KILL_PROCESS, SCMP_ACT_LOG)", GateRemedies.libseccompOld()));
    }
    return Optional.of(Verdict.pass(id(), TITLE, measured, lib.source(), why));
  }
}
