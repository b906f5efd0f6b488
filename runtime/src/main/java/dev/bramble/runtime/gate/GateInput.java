package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.HostFacts;
import java.util.Optional;

/**
 * What the gates judge: the host, and the bundle when there is one ({@code create}, {@code check --bundle}).
 *
 * @param declarations the workload's declarations from the bundle's annotations; empty without a bundle
 */
public record GateInput(HostFacts host, Optional<BundleFacts> bundle, WorkloadDeclarations declarations) {
  public static GateInput of(HostFacts host, Optional<BundleFacts> bundle) {
    return new GateInput(
        host, bundle, bundle.map(b -> WorkloadDeclarations.parse(b.annotations())).orElse(WorkloadDeclarations.NONE));
  }
}
