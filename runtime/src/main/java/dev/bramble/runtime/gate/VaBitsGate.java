package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.Sourced;
import dev.bramble.runtime.host.VirtualAddressSpace;
import java.util.Optional;

/**
 * The user address space, measured by the mmap probe. bramble itself sizes its layout from the measurement, so any
 * size works for the sandbox; the gate protects workloads that assume a wide address space (TCMalloc in Envoy and
 * Istio proxies, ScyllaDB/seastar, hardened_malloc, box64) on 39-bit Raspberry Pi kernels.
 *
 * <p>Widths are compared as address widths: on x86_64 user space is the lower half of the canonical space, so a
 * 47-bit user space means 48-bit addresses (what TCMalloc's kAddressBits=48 expects); on arm64 they are equal.
 */
final class VaBitsGate implements Gate {
  private static final String TITLE = "user address space";
  /** Below this address width, common allocators (TCMalloc) fail; distribution kernels give 48. */
  static final int COMMON_WIDTH = 48;

  @Override
  public String id() {
    return GateIds.VA_BITS;
  }

  /** The address width the host gives user space: user VA bits, plus one on x86_64 (the kernel owns the top half). */
  static int addressWidth(HostFacts host, VirtualAddressSpace space) {
    return host.arch().orElse(null) == Arch.X86_64 ? space.bits() + 1 : space.bits();
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    HostFacts host = input.host();
    if (host.addressSpace().isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, "not measured", host.addressSpaceDetail(),
          "the sentry places its private pages just below the top of user space, so it must know where that is",
          GateRemedies.addressSpaceUnmeasured(host.addressSpaceDetail())));
    }
    VirtualAddressSpace space = host.addressSpace().get();
    int width = addressWidth(host, space);
    String measured = describe(host, space, width);
    if (input.declarations().minVaBits().isPresent()) {
      int wanted = input.declarations().minVaBits().getAsInt();
      String declared = "the workload declares " + WorkloadDeclarations.MIN_VA_BITS + "=" + wanted;
      if (width < wanted) {
        return Optional.of(Verdict.fail(id(), TITLE, measured, space.source(),
            declared + " (TCMalloc in Envoy assumes 48-bit addresses; ScyllaDB reserves 2^45 bytes) and this host"
                + " gives " + width, GateRemedies.vaBits(host, wanted)));
      }
      return Optional.of(Verdict.pass(id(), TITLE, measured, space.source(), declared + ", which this host meets"));
    }
    if (input.bundle().isEmpty() && width < COMMON_WIDTH) {
      return Optional.of(Verdict.warn(id(), TITLE, measured, space.source(),
          "TCMalloc (Envoy, Istio proxies), ScyllaDB, hardened_malloc and box64 fail below 48-bit addresses;"
              + " bramble itself sizes its layout from the measurement",
          GateRemedies.declareVaBits(host)));
    }
    return Optional.of(Verdict.pass(id(), TITLE, measured, space.source(),
        "the sentry places its private pages just below the measured top"
            + (input.bundle().isPresent() ? "; the workload declares no " + WorkloadDeclarations.MIN_VA_BITS : "")));
  }

  /** The measurement, its address width, and where the kernel config disagrees with it. */
  static String describe(HostFacts host, VirtualAddressSpace space, int width) {
    StringBuilder text = new StringBuilder(space.describe());
    if (width != space.bits()) {
      text.insert(text.length() - 1, "; " + width + "-bit addresses");
    }
    Optional<Sourced<Integer>> compiled = host.kernelConfig().compiledVaBits();
    if (compiled.isPresent() && compiled.get().value() != space.bits()) {
      text.append("; kernel config says ").append(compiled.get().value()).append(" bits (")
          .append(compiled.get().source()).append(") but the probe measures ").append(space.bits())
          .append(": ").append(disagreementReason(host, compiled.get().value(), space.bits()));
    }
    return text.toString();
  }

  private static String disagreementReason(HostFacts host, int compiled, int measured) {
    if (host.arch().orElse(null) == Arch.X86_64 && compiled > measured) {
      if (host.commandLine().has("no5lvl")) {
        return "booted with no5lvl";
      }
      return host.cpuLa57().map(la57 -> la57
              ? "the kernel did not enable 5-level paging"
              : "the CPU has no la57, so the kernel runs 4-level paging")
          .orElse("the config is only the compiled maximum");
    }
    if (compiled == 52 && measured < compiled) {
      return "52-bit VA needs a CPU with LVA/LPA2; without it the kernel falls back";
    }
    return "the config is only the compiled maximum; the probe is what the kernel gives";
  }
}
