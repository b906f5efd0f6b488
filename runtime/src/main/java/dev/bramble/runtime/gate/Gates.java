package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.HostFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every gate, in report order, and applies downgrades. {@code create} calls this before anything exists and
 * refuses when {@link GateReport#failed()}; {@code check} prints the whole report.
 */
public final class Gates {
  private Gates() {}

  /** All gates in report order: host gates first, then bundle gates. */
  public static List<Gate> all() {
    return List.of(
        new HostArchGate(),
        new KernelVersionGate(),
        new SeccompTraceGate(),
        new PtraceScopeGate(),
        new LibseccompGate(),
        new PageSizeGate(),
        new VaBitsGate(),
        new NamespacesGate(),
        new UserNamespacesGate(),
        ControllerGate.memory(),
        ControllerGate.pids(),
        ControllerGate.cpu(),
        new CgroupResourcesGate(),
        new OverlayfsGate(),
        new AnnotationsGate(),
        new EntrypointExistsGate(),
        new EntrypointArchGate(),
        new EntrypointCompat32Gate(),
        new EntrypointAlignmentGate());
  }

  /**
   * Judges the host, and the bundle when given.
   *
   * @param downgrades gates the operator lets through as warnings (the {@code --gate-warn} flag); the bundle's
   *     {@code dev.bramble.gate.<id>=warn} annotations are added here
   */
  public static GateReport evaluate(HostFacts host, Optional<BundleFacts> bundle, GateDowngrades downgrades) {
    GateInput input = GateInput.of(host, bundle);
    GateDowngrades effective = downgrades.with(input.declarations());
    List<Verdict> verdicts = new ArrayList<>();
    for (Gate gate : all()) {
      gate.evaluate(input).ifPresent(v -> verdicts.add(
          effective.contains(v.gateId()) && GateIds.downgradable(v.gateId())
              ? v.downgradedBy(effective.origins().get(v.gateId())) : v));
    }
    return new GateReport(verdicts);
  }

  /** Same, with downgrades given as gate ids from a runtime flag (validate them with GateDowngrades.fromFlag). */
  public static GateReport evaluate(HostFacts host, Optional<BundleFacts> bundle, Set<String> downgradedIds) {
    Map<String, String> origins = new LinkedHashMap<>();
    downgradedIds.stream().sorted().forEach(id -> origins.put(id, "flag " + GateDowngrades.FLAG + " " + id));
    return evaluate(host, bundle, new GateDowngrades(origins));
  }

  /** The host alone, as {@code check} without a bundle and the node labels see it. */
  public static GateReport evaluateHost(HostFacts host) {
    return evaluate(host, Optional.empty(), GateDowngrades.NONE);
  }
}
