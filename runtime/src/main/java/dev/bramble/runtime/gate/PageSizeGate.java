package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.Sourced;
import java.util.Optional;

/**
 * The page size from AT_PAGESZ, never assumed. bramble works with any page size; the gate protects workloads that
 * do not: jemalloc built for 4K pages aborts with "Unsupported system page size" on the Raspberry Pi 5's 16K kernel
 * (and gVisor refuses to start there at all).
 */
final class PageSizeGate implements Gate {
  private static final String TITLE = "page size";

  @Override
  public String id() {
    return GateIds.PAGE_SIZE;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    HostFacts host = input.host();
    if (host.pageSize().isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, "unknown", "/proc/self/auxv has no AT_PAGESZ",
          "the sentry aligns every mapping it makes to the page size", GateRemedies.REPORT_BUG));
    }
    Sourced<Long> size = host.pageSize().get();
    String measured = size.value() + " bytes" + configNote(host, size.value());
    if (input.declarations().pageSize().isPresent()) {
      long wanted = input.declarations().pageSize().getAsLong();
      String declared = "the workload declares " + WorkloadDeclarations.PAGE_SIZE + "=" + wanted;
      if (wanted != size.value()) {
        return Optional.of(Verdict.fail(id(), TITLE, measured, size.source(),
            declared + " (e.g. a jemalloc built for a fixed page size aborts with 'Unsupported system page size')",
            GateRemedies.pageSize(host, wanted)));
      }
      return Optional.of(Verdict.pass(id(), TITLE, measured, size.source(), declared + ", which this host meets"));
    }
    if (input.bundle().isEmpty() && size.value() != 4096) {
      return Optional.of(Verdict.warn(id(), TITLE, measured, size.source(),
          "software built for 4K pages fails here (jemalloc with a fixed page size, 32-bit arm images, some JITs"
              + " and emulators); bramble itself works with any page size",
          GateRemedies.declarePageSize(host)));
    }
    return Optional.of(Verdict.pass(id(), TITLE, measured, size.source(),
        "the sentry aligns its mappings to the measured page size"
            + (input.bundle().isPresent() ? "; entrypoint-alignment checks the program's segments" : "")));
  }

  private static String configNote(HostFacts host, long actual) {
    return host.kernelConfig().arm64PageSize()
        .filter(p -> p != actual)
        .map(p -> "; kernel config says " + p + " but AT_PAGESZ is authoritative")
        .orElse("");
  }
}
