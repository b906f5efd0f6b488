package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.CgroupFacts;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.KernelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup settings of config.json that need more than a controller (which {@link ControllerGate} checks): a
 * setting only cgroup v1 has on a cgroup v2 host and the reverse, huge page sizes the kernel lacks, realtime
 * scheduling without CONFIG_RT_GROUP_SCHED, and the block I/O, hugetlb, net_cls, net_prio and rdma controllers.
 * Each would otherwise silently not apply, or fail half-way through create.
 */
final class CgroupResourcesGate implements Gate {
  private static final String BASE = "linux.resources.";
  /** From 6.1 the kernel accepts memory.kmem.limit_in_bytes but ignores it ("has no effect"). */
  private static final KernelVersion KMEM_IGNORED = KernelVersion.of(6, 1);

  private record Problem(String setting, String reason, String remedy) {}

  @Override
  public String id() {
    return GateIds.CGROUP_RESOURCES;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    HostFacts host = input.host();
    CgroupFacts cg = host.cgroups();
    if (input.bundle().isEmpty()) {
      return Optional.of(Verdict.pass(id(), "cgroup resources", summary(cg), cg.source(),
          "what config.json's linux.resources may ask of this host"));
    }
    List<Problem> problems = new ArrayList<>();
    for (BundleFacts.ResourceRequest r : input.bundle().get().resources()) {
      check(host, cg, r).ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      return Optional.of(Verdict.pass(id(), "cgroup resources", summary(cg), cg.source(),
          "config.json's resource settings can be enforced here"));
    }
    String measured = String.join("; ", problems.stream().map(p -> p.setting() + ": " + p.reason()).toList());
    String remedy = String.join("; ", problems.stream().map(Problem::remedy).distinct().toList());
    return Optional.of(Verdict.fail(id(), "cgroup resources", measured, cg.source(),
        "config.json asks for limits this host cannot enforce, and a limit that silently does not apply lets the"
            + " container take more than it was given", remedy + "; or remove the setting from config.json"));
  }

  private static Optional<Problem> check(HostFacts host, CgroupFacts cg, BundleFacts.ResourceRequest r) {
    String path = r.jsonPath();
    String setting = r.toString();
    boolean unifiedKey = path.startsWith(BASE + "unified[");
    if (unifiedKey) {
      return unified(cg, r);
    }
    switch (r.controller()) {
      case "memory" -> {
        if (!cg.has("memory")) {
          return Optional.empty(); // the memory-controller gate explains that
        }
        boolean v2 = cg.onV2("memory");
        for (String field : List.of("swappiness", "kernel", "kernelTCP", "disableOOMKiller")) {
          if (v2 && path.equals(BASE + "memory." + field)) {
            return Optional.of(new Problem(setting, "cgroup v2 has no per-cgroup " + field,
                "remove linux.resources.memory." + field + " (cgroup v2's memory.max covers kernel memory;"
                    + " memory.high in linux.resources.unified throttles instead of killing)"));
          }
        }
        if (!v2 && path.equals(BASE + "memory.kernel")
            && host.kernelVersion().map(v -> v.atLeast(KMEM_IGNORED)).orElse(false)) {
          return Optional.of(new Problem(setting, "Linux " + host.kernelRelease().value() + " ignores kernel"
              + " memory limits (memory.kmem.limit_in_bytes has no effect since 6.1)",
              "remove linux.resources.memory.kernel; memory.limit already counts kernel memory"));
        }
        if (!v2 && path.equals(BASE + "memory.swap") && !cg.v1RootFiles().isEmpty()
            && !cg.v1RootFiles().contains("memory.memsw.limit_in_bytes")) {
          return Optional.of(new Problem(setting, "the kernel does not account swap (no"
              + " memory.memsw.limit_in_bytes)", "boot with swapaccount=1, or remove linux.resources.memory.swap"));
        }
      }
      case "cpu" -> {
        boolean realtime = path.equals(BASE + "cpu.realtimeRuntime") || path.equals(BASE + "cpu.realtimePeriod");
        if (realtime && cg.onV2("cpu")) {
          return Optional.of(new Problem(setting, "cgroup v2 has no realtime group scheduling",
              "remove cpu.realtimeRuntime and cpu.realtimePeriod, or run the container on a cgroup v1 node"));
        }
        if (realtime && cg.has("cpu") && !cg.v1RootFiles().isEmpty()
            && !cg.v1RootFiles().contains("cpu.rt_runtime_us")) {
          return Optional.of(new Problem(setting, "the kernel has no realtime group scheduling (no"
              + " cpu.rt_runtime_us: built without CONFIG_RT_GROUP_SCHED)",
              "boot a kernel with CONFIG_RT_GROUP_SCHED=y, or remove cpu.realtimeRuntime and cpu.realtimePeriod"));
        }
      }
      case "blkio" -> {
        if (!cg.has("blkio") && !cg.has("io")) {
          return Optional.of(missing(host, setting, "blkio (cgroup v1) or io (cgroup v2)", "blkio"));
        }
        if (path.endsWith("leafWeight")) {
          return Optional.of(new Problem(setting, "leaf weights belonged to the CFQ I/O scheduler, which Linux"
              + " dropped in 5.0", "remove the leafWeight settings from linux.resources.blockIO"));
        }
      }
      case "hugetlb" -> {
        if (!cg.has("hugetlb")) {
          return Optional.of(missing(host, setting, "hugetlb", "hugetlb"));
        }
        if (!cg.hugepageSizes().isEmpty() && !cg.hugepageSizes().contains(r.value())) {
          return Optional.of(new Problem(setting, "the kernel has no " + r.value() + " huge pages (it has "
              + String.join(", ", cg.hugepageSizes()) + ")", "use a page size from /sys/kernel/mm/hugepages"));
        }
      }
      case "net_cls", "net_prio", "rdma" -> {
        if (!cg.has(r.controller())) {
          boolean v1Only = !r.controller().equals("rdma");
          return Optional.of(v1Only && cg.mode() == CgroupFacts.Mode.V2
              ? new Problem(setting, r.controller() + " is a cgroup v1 controller and this host runs cgroup v2",
                  "remove linux.resources.network (on cgroup v2, match the container's cgroup path in nftables)")
              : missing(host, setting, r.controller(), r.controller()));
        }
      }
      default -> { }
    }
    return Optional.empty();
  }

  private static Optional<Problem> unified(CgroupFacts cg, BundleFacts.ResourceRequest r) {
    if (cg.unifiedMount().isEmpty()) {
      return Optional.of(new Problem(r.toString(), "linux.resources.unified writes cgroup v2 files and no cgroup v2"
          + " is mounted", "use the cgroup v1 settings of linux.resources instead"));
    }
    String c = r.controller();
    if (c.equals("cgroup") || cg.onV2(c)) {
      return Optional.empty();
    }
    if (cg.has(c)) {
      return Optional.of(new Problem(r.toString(), "the " + c + " controller is bound to cgroup v1 on this host ("
          + cg.mode().text() + "), so its cgroup v2 files do not exist", "use the cgroup v1 settings of"
          + " linux.resources for " + c + ", or boot with systemd.unified_cgroup_hierarchy=1"));
    }
    return Optional.of(new Problem(r.toString(), "cgroup v2 does not offer the " + c + " controller here",
        "check the key's spelling (\"controller.file\"), and that the kernel has the controller"));
  }

  private static Problem missing(HostFacts host, String setting, String what, String controller) {
    return new Problem(setting, "no " + what + " controller on this host (" + host.cgroups().mode().text() + ": "
        + String.join(" ", host.cgroups().names()) + ")",
        GateRemedies.controller(host, controller, ControllerGate.absence(host, controller)));
  }

  private static String summary(CgroupFacts cg) {
    List<String> parts = new ArrayList<>();
    parts.add(cg.mode().text());
    parts.add("hugepages " + (cg.hugepageSizes().isEmpty() ? "none" : String.join(",", cg.hugepageSizes())));
    if (cg.has("cpu") && !cg.onV2("cpu")) {
      parts.add("realtime groups " + (cg.v1RootFiles().contains("cpu.rt_runtime_us") ? "yes" : "no"));
    }
    parts.add("freezer " + (cg.has("freezer") ? "v1" : cg.unifiedMount().isPresent() ? "v2" : "none"));
    parts.add("devices " + (cg.has("devices") ? "v1" : cg.unifiedMount().isPresent() ? "v2 eBPF" : "none"));
    return String.join("; ", parts);
  }
}
