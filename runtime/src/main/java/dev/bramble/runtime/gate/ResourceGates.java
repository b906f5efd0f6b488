package dev.bramble.runtime.gate;

import dev.bramble.runtime.cgroup.Unsupported;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which gate answers for each cgroup resource, so that an operator's downgrade ({@code --gate-warn memory-controller}
 * or the bundle's {@code dev.bramble.gate.memory-controller=warn}) also lets create skip the settings the host
 * cannot enforce — with a warning for each — instead of failing on them later.
 */
public final class ResourceGates {
  private ResourceGates() {}

  /** The gate covering settings of {@code controller}. */
  public static String gateFor(String controller) {
    return switch (controller) {
      case "memory" -> GateIds.MEMORY_CONTROLLER;
      case "pids" -> GateIds.PIDS_CONTROLLER;
      case "cpu", "cpuset" -> GateIds.CPU_CONTROLLER;
      default -> GateIds.CGROUP_RESOURCES;
    };
  }

  /**
   * @param flag the --gate-warn downgrades
   * @param annotations the bundle's annotations (its own downgrades)
   */
  public static Predicate<Unsupported> tolerated(GateDowngrades flag, Map<String, String> annotations) {
    GateDowngrades effective = flag.with(WorkloadDeclarations.parse(annotations));
    return u -> effective.contains(gateFor(u.controller()));
  }
}
