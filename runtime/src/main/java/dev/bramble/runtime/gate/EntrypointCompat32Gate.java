package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.elf.Entrypoint;
import dev.bramble.runtime.host.HostFacts;
import java.util.Optional;

/**
 * A 32-bit entrypoint (i386 on x86_64, arm on aarch64) would run through the kernel's compat layer — which may be
 * missing (arm64 kernels need CONFIG_COMPAT, which 16K and 64K page kernels normally lack; x86_64 kernels need
 * CONFIG_IA32_EMULATION and no ia32_emulation=0) — but bramble's sandbox filter admits only the native 64-bit
 * syscall ABI and kills the compat ones (their syscall numbers and argument layouts differ, and the sentry decodes
 * only the native one). So a 32-bit entrypoint always fails here, with the kernel's own obstacle named first.
 */
final class EntrypointCompat32Gate implements Gate {
  private static final String TITLE = "32-bit entrypoint";

  @Override
  public String id() {
    return GateIds.ENTRYPOINT_COMPAT32;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    Optional<Entrypoint> entrypoint = input.bundle().flatMap(BundleFacts::entrypoint);
    Optional<Arch> arch = input.host().arch();
    if (entrypoint.isEmpty() || arch.isEmpty()) {
      return Optional.empty();
    }
    Entrypoint e = entrypoint.get();
    String path = e.executable().containerPath();
    if (e.elf().isNativeTo(arch.get())) {
      return Optional.of(Verdict.pass(id(), TITLE, path + " is 64-bit", path + " ELF header",
          "no compat layer needed"));
    }
    if (!e.elf().isCompat32For(arch.get())) {
      return Optional.empty(); // a foreign machine: entrypoint-arch reports it
    }
    Optional<Verdict> kernel = kernelVerdict(input.host(), arch.get(), path, e);
    if (kernel.isPresent() && kernel.get().status() == GateStatus.FAIL) {
      return kernel;
    }
    return Optional.of(Verdict.fail(id(), TITLE, path + " is " + e.elf().describeMachine(), path + " ELF header",
        "bramble's sandbox admits only the native 64-bit syscall ABI; its seccomp filter kills 32-bit syscalls, so "
            + "this program would die at its first one", GateRemedies.compat32Sandbox(input.host())));
  }

  private Optional<Verdict> kernelVerdict(HostFacts host, Arch arch, String path, Entrypoint e) {
    String measured = path + " is " + e.elf().describeMachine();
    String why = "a 32-bit program runs through the kernel's compat syscall layer";
    if (arch == Arch.AARCH64) {
      long page = host.pageSize().map(p -> p.value()).orElse(4096L);
      if (page != 4096) {
        return Optional.of(Verdict.fail(id(), TITLE, measured + " on a " + page / 1024 + "K-page kernel",
            host.pageSize().get().source(), why + ", which arm64 kernels with " + page / 1024 + "K pages normally"
                + " lack, and 32-bit arm code assumes 4K pages", GateRemedies.compat32PageSize(host)));
      }
      return configVerdict(host, "CONFIG_COMPAT", measured,
          why + " (CONFIG_COMPAT) and a CPU that runs AArch32 at EL0 (the Raspberry Pi 3, 4 and 5 CPUs do)");
    }
    Optional<String> off = host.commandLine().lastValue("ia32_emulation")
        .filter(v -> v.equals("0") || v.equals("false") || v.equals("off") || v.equals("n"));
    if (off.isPresent()) {
      return Optional.of(Verdict.fail(id(), TITLE, measured + "; ia32_emulation=" + off.get()
          + " on the kernel command line", host.commandLine().source(), why + ", which is switched off",
          GateRemedies.compat32NoKernelSupport(host)));
    }
    return configVerdict(host, "CONFIG_IA32_EMULATION", measured, why + " (CONFIG_IA32_EMULATION)");
  }

  private Optional<Verdict> configVerdict(HostFacts host, String option, String measured, String why) {
    Optional<Boolean> enabled = host.kernelConfig().enabled(option);
    String source = host.kernelConfig().source();
    if (enabled.isEmpty()) {
      return Optional.of(Verdict.warn(id(), TITLE, measured + "; " + option + " unknown (no kernel config)", source,
          why, GateRemedies.compat32NoKernelSupport(host)));
    }
    if (!enabled.get()) {
      return Optional.of(Verdict.fail(id(), TITLE, measured + "; kernel built without " + option, source, why,
          GateRemedies.compat32NoKernelSupport(host)));
    }
    return Optional.of(Verdict.pass(id(), TITLE, measured + "; " + option + "=y", source, why));
  }
}
