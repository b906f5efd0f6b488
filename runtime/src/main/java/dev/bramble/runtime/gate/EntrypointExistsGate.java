package dev.bramble.runtime.gate;

import dev.bramble.runtime.elf.Entrypoint;
import java.util.Optional;

/**
 * process.args[0] must lead to something the kernel can execute inside the rootfs: the file itself, every #!
 * interpreter, and the ELF's dynamic loader. Otherwise the failure would surface only after the sandbox is built,
 * as a bare "no such file or directory" or "exec format error".
 */
final class EntrypointExistsGate implements Gate {
  private static final String TITLE = "entrypoint";
  private static final String SOURCE = "config.json process.args/env/cwd, resolved inside the rootfs";

  @Override
  public String id() {
    return GateIds.ENTRYPOINT_EXISTS;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    if (input.bundle().isEmpty()) {
      return Optional.empty();
    }
    BundleFacts bundle = input.bundle().get();
    String why = "the container's first execve would fail after the sandbox is built";
    if (bundle.entrypointProblem().isPresent()) {
      return Optional.of(Verdict.fail(id(), TITLE, bundle.entrypointProblem().get(), SOURCE, why,
          GateRemedies.entrypointMissing()));
    }
    if (bundle.entrypoint().isEmpty()) {
      return Optional.empty(); // config.json has no process yet: nothing to execute at create
    }
    Entrypoint entrypoint = bundle.entrypoint().get();
    if (entrypoint.loaderProblem().isPresent()) {
      return Optional.of(Verdict.fail(id(), TITLE, entrypoint.loaderProblem().get(), SOURCE, why,
          GateRemedies.entrypointMissing()));
    }
    return Optional.of(Verdict.pass(id(), TITLE, entrypoint.describe(), SOURCE, "the program exists and is executable"));
  }
}
