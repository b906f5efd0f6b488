package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.CgroupFacts;
import dev.bramble.runtime.host.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cgroup limit in config.json needs its controller: memory limits the memory controller, pids.limit the pids
 * controller, cpu shares/quota the cpu controller and cpus/mems the cpuset controller. Raspberry Pi OS disables the
 * memory controller by default (its firmware puts cgroup_disable=memory on the kernel command line).
 */
final class ControllerGate implements Gate {
  /** Why a controller is missing; each has its own fix. */
  enum Absence {
    DISABLED_ON_COMMAND_LINE,
    NOT_BUILT,
    NOT_MOUNTED,
    NOT_IN_CONTROLLERS
  }

  private final String id;
  private final String title;
  private final List<String> controllers;
  private final String hostOnlyWhy;

  private ControllerGate(String id, String title, List<String> controllers, String hostOnlyWhy) {
    this.id = id;
    this.title = title;
    this.controllers = controllers;
    this.hostOnlyWhy = hostOnlyWhy;
  }

  static ControllerGate memory() {
    return new ControllerGate(GateIds.MEMORY_CONTROLLER, "memory cgroup", List.of("memory"),
        "containers with memory limits will be refused (K3s refuses to start: 'failed to find memory cgroup')");
  }

  static ControllerGate pids() {
    return new ControllerGate(GateIds.PIDS_CONTROLLER, "pids cgroup", List.of("pids"),
        "containers with linux.resources.pids.limit will be refused");
  }

  static ControllerGate cpu() {
    return new ControllerGate(GateIds.CPU_CONTROLLER, "cpu cgroups", List.of("cpu", "cpuset"),
        "containers with CPU shares, quotas or pinning will be refused");
  }

  /** The kernel option that builds a controller. */
  static String configOption(String controller) {
    return switch (controller) {
      case "memory" -> "CONFIG_MEMCG";
      case "pids" -> "CONFIG_CGROUP_PIDS";
      case "cpu" -> "CONFIG_CGROUP_SCHED";
      case "cpuset" -> "CONFIG_CPUSETS";
      case "blkio", "io" -> "CONFIG_BLK_CGROUP";
      case "hugetlb" -> "CONFIG_CGROUP_HUGETLB";
      case "net_cls" -> "CONFIG_CGROUP_NET_CLASSID";
      case "net_prio" -> "CONFIG_CGROUP_NET_PRIO";
      case "rdma" -> "CONFIG_CGROUP_RDMA";
      default -> "CONFIG_CGROUPS";
    };
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    HostFacts host = input.host();
    CgroupFacts cgroups = host.cgroups();
    String present = String.join(" and ", controllers) + " present (" + cgroups.mode().text() + ")";
    List<String> missing = controllers.stream().filter(c -> !cgroups.has(c)).toList();
    if (input.bundle().isPresent()) {
      List<BundleFacts.ResourceRequest> unmet = new ArrayList<>();
      for (String c : missing) {
        unmet.addAll(input.bundle().get().requestsFor(c));
      }
      boolean requested = controllers.stream().anyMatch(c -> !input.bundle().get().requestsFor(c).isEmpty());
      if (!unmet.isEmpty()) {
        String controller = unmet.get(0).controller();
        return Optional.of(Verdict.fail(id, title, explainMissing(host, controller), sources(host, controller),
            "config.json sets " + join(unmet) + ", which the " + controller + " controller enforces; without it"
                + " the limit would silently not apply",
            GateRemedies.dropResourceOr(GateRemedies.controller(host, controller, absence(host, controller)))));
      }
      return Optional.of(Verdict.pass(id, title, present, cgroups.source(),
          requested ? "config.json's limits have their controllers" : "config.json sets no limit that needs it"));
    }
    if (!missing.isEmpty()) {
      String controller = missing.get(0);
      return Optional.of(Verdict.warn(id, title, explainMissing(host, controller), sources(host, controller),
          hostOnlyWhy, GateRemedies.controller(host, controller, absence(host, controller))));
    }
    return Optional.of(Verdict.pass(id, title, present, cgroups.source(), "limits on " + String.join(" and ",
        controllers) + " can be enforced"));
  }

  static Absence absence(HostFacts host, String controller) {
    if (host.commandLine().disablesCgroup(controller)) {
      return Absence.DISABLED_ON_COMMAND_LINE;
    }
    if (host.kernelConfig().enabled(configOption(controller)).equals(Optional.of(false))) {
      return Absence.NOT_BUILT;
    }
    if (host.cgroups().mode() == CgroupFacts.Mode.V1 || host.cgroups().mode() == CgroupFacts.Mode.HYBRID) {
      return Absence.NOT_MOUNTED;
    }
    return Absence.NOT_IN_CONTROLLERS;
  }

  private static String explainMissing(HostFacts host, String controller) {
    String base = controller + " controller absent (" + host.cgroups().mode().text() + ": "
        + (host.cgroups().names().isEmpty() ? "(none)" : String.join(" ", host.cgroups().names())) + ")";
    return switch (absence(host, controller)) {
      case DISABLED_ON_COMMAND_LINE -> base + "; cgroup_disable=" + controller + " on the kernel command line"
          + " (no later cgroup_enable=" + controller + ")";
      case NOT_BUILT -> base + "; kernel built without " + configOption(controller);
      case NOT_MOUNTED -> base + "; no cgroup v1 hierarchy is mounted with it";
      case NOT_IN_CONTROLLERS -> base;
    };
  }

  private static String sources(HostFacts host, String controller) {
    return switch (absence(host, controller)) {
      case DISABLED_ON_COMMAND_LINE -> host.cgroups().source() + ", " + host.commandLine().source();
      case NOT_BUILT -> host.cgroups().source() + ", " + host.kernelConfig().source();
      default -> host.cgroups().source();
    };
  }

  private static String join(List<BundleFacts.ResourceRequest> requests) {
    return String.join(", ", requests.stream().map(BundleFacts.ResourceRequest::toString).toList());
  }
}
