package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.elf.ElfFile;
import dev.bramble.runtime.elf.Entrypoint;
import java.util.Optional;

/**
 * The entrypoint's ELF machine must match the node: an amd64 image on an arm64 node is reported as such, not as the
 * kernel's bare "exec format error". 32-bit programs of the node's family go on to entrypoint-compat32.
 */
final class EntrypointArchGate implements Gate {
  private static final String TITLE = "entrypoint architecture";

  @Override
  public String id() {
    return GateIds.ENTRYPOINT_ARCH;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    Optional<Entrypoint> entrypoint = input.bundle().flatMap(BundleFacts::entrypoint);
    Optional<Arch> arch = input.host().arch();
    if (entrypoint.isEmpty() || arch.isEmpty()) {
      return Optional.empty();
    }
    Entrypoint e = entrypoint.get();
    String node = arch.get().debianName() + " (" + arch.get().unameName() + ")";
    String source = e.executable().containerPath() + " ELF header, " + input.host().machine().source();
    Optional<Verdict> mismatch = check(e.executable().containerPath(), e.elf(), arch.get(), node, source, input);
    if (mismatch.isPresent()) {
      return mismatch;
    }
    if (e.loader().isPresent()) {
      Entrypoint.Loader loader = e.loader().get();
      if (loader.elf().machine() != e.elf().machine() || loader.elf().elf64() != e.elf().elf64()) {
        return Optional.of(Verdict.fail(id(), TITLE,
            e.executable().containerPath() + " is " + e.elf().describeMachine() + " but its loader "
                + loader.path().containerPath() + " is " + loader.elf().describeMachine(),
            loader.path().containerPath() + " ELF header",
            "the kernel would load the program and fail on its dynamic loader with 'exec format error'",
            GateRemedies.entrypointArch(input.host(), e.elf().describeMachine())));
      }
    }
    String measured = e.executable().containerPath() + " is " + e.elf().describeMachine() + ", node is " + node;
    return Optional.of(Verdict.pass(id(), TITLE, measured, source,
        e.elf().isNativeTo(arch.get()) ? "the program is native to this node"
            : "a 32-bit program of this node's family; see entrypoint-compat32"));
  }

  private Optional<Verdict> check(String path, ElfFile elf, Arch arch, String node, String source, GateInput input) {
    if (elf.isNativeTo(arch) || elf.isCompat32For(arch)) {
      return Optional.empty();
    }
    return Optional.of(Verdict.fail(id(), TITLE,
        path + " is " + elf.describeMachine() + " (" + (elf.elf64() ? "64" : "32") + "-bit "
            + (elf.littleEndian() ? "little" : "big") + "-endian), node is " + node,
        source,
        "this kernel cannot execute it; runc and the kernel would only say 'exec format error'",
        GateRemedies.entrypointArch(input.host(), elf.describeMachine())));
  }
}
