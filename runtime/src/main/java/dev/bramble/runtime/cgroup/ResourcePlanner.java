package dev.bramble.runtime.cgroup;

import dev.bramble.oci.spec.LinuxHugepageLimit;
import dev.bramble.oci.spec.LinuxInterfacePriority;
import dev.bramble.oci.spec.LinuxRdma;
import dev.bramble.oci.spec.LinuxResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns config.json's {@code linux.resources} into the interface-file writes that enforce it (runc's fs and fs2
 * managers' Set). Each controller is written in the hierarchy that holds it — v1 file names there, v2 names and
 * value conversions in cgroup v2 — so hybrid hosts work per controller. Device rules are not planned here (see
 * {@link DeviceRules}); they are applied at create only, like runc's update leaves them alone.
 *
 * <p>Settings the host cannot enforce are reported as {@link Unsupported}, never dropped silently.
 */
public final class ResourcePlanner {
  private ResourcePlanner() {}

  public static ResourcePlan plan(LinuxResources r, PlanContext ctx) {
    ResourcePlan.Builder b = new ResourcePlan.Builder();
    if (r == null) {
      return b.build();
    }
    MemoryPlanner.plan(r.memory(), ctx, b);
    CpuPlanner.plan(r.cpu(), ctx, b);
    if (r.pids() != null) {
      pids(r.pids().limit(), ctx, b);
    }
    BlockIoPlanner.plan(r.blockIO(), ctx, b);
    hugepages(Absent.list(r.hugepageLimits()), ctx, b);
    network(r, ctx, b);
    rdma(Absent.map(r.rdma()), ctx, b);
    unified(Absent.map(r.unified()), ctx, b);
    return b.build();
  }

  static final String BASE = "linux.resources.";

  /** The controller's version, or empty after recording why the setting cannot be enforced. */
  static Optional<Boolean> controller(PlanContext ctx, ResourcePlan.Builder b, String controller, String jsonPath,
      Object value) {
    Optional<Boolean> unified = ctx.unified(controller);
    if (unified.isEmpty()) {
      b.unsupported(controller, jsonPath, value, "the " + controller + " cgroup controller is not available on"
          + " this host (no cgroup v1 hierarchy has it and cgroup v2 does not offer it); see 'bramble check'");
    }
    return unified;
  }

  private static void pids(Long limit, PlanContext ctx, ResourcePlan.Builder b) {
    String path = BASE + "pids.limit";
    if (limit == null || limit == 0) {
      return;
    }
    if (controller(ctx, b, "pids", path, limit).isPresent()) {
      b.write("pids", "pids.max", limit < 0 ? "max" : Long.toString(limit), path);
    }
  }

  private static void hugepages(List<LinuxHugepageLimit> limits, PlanContext ctx, ResourcePlan.Builder b) {
    for (int i = 0; i < limits.size(); i++) {
      LinuxHugepageLimit l = limits.get(i);
      String path = BASE + "hugepageLimits[" + i + "]";
      Optional<Boolean> unified = controller(ctx, b, "hugetlb", path, l.pageSize());
      if (unified.isEmpty()) {
        continue;
      }
      String limit = Long.toUnsignedString(l.limit() == null ? 0 : l.limit());
      String file = "hugetlb." + l.pageSize() + (unified.get() ? ".max" : ".limit_in_bytes");
      if (!ctx.exists("hugetlb", file)) {
        b.unsupported("hugetlb", path + ".pageSize", l.pageSize(), "this host has no " + l.pageSize()
            + " huge pages (no " + file + "); use a size listed in /sys/kernel/mm/hugepages");
        continue;
      }
      b.write("hugetlb", file, limit, path + ".limit");
      String reserved = "hugetlb." + l.pageSize() + (unified.get() ? ".rsvd.max" : ".rsvd.limit_in_bytes");
      if (ctx.exists("hugetlb", reserved)) {
        b.write("hugetlb", reserved, limit, path + ".limit"); // reservations too, or mmap succeeds then faults
      }
    }
  }

  private static void network(LinuxResources r, PlanContext ctx, ResourcePlan.Builder b) {
    if (r.network() == null) {
      return;
    }
    if (r.network().classID() != null) {
      String path = BASE + "network.classID";
      Optional<Boolean> unified = controller(ctx, b, "net_cls", path, r.network().classID());
      if (unified.isPresent() && unified.get()) {
        b.unsupported("net_cls", path, r.network().classID(), "net_cls is a cgroup v1 controller; cgroup v2 has"
            + " no class ids (match the cgroup path in nftables/iptables instead)");
      } else if (unified.isPresent()) {
        b.write("net_cls", "net_cls.classid", Long.toString(r.network().classID()), path);
      }
    }
    List<LinuxInterfacePriority> priorities = Absent.list(r.network().priorities());
    for (int i = 0; i < priorities.size(); i++) {
      String path = BASE + "network.priorities[" + i + "]";
      LinuxInterfacePriority p = priorities.get(i);
      Optional<Boolean> unified = controller(ctx, b, "net_prio", path, p.name());
      if (unified.isPresent() && unified.get()) {
        b.unsupported("net_prio", path, p.name(), "net_prio is a cgroup v1 controller; cgroup v2 has no"
            + " interface priorities");
      } else if (unified.isPresent()) {
        b.write("net_prio", "net_prio.ifpriomap", p.name() + " " + p.priority(), path);
      }
    }
  }

  private static void rdma(Map<String, LinuxRdma> rdma, PlanContext ctx, ResourcePlan.Builder b) {
    for (Map.Entry<String, LinuxRdma> e : new TreeMap<>(rdma).entrySet()) {
      String path = BASE + "rdma[\"" + e.getKey() + "\"]";
      if (controller(ctx, b, "rdma", path, e.getKey()).isEmpty()) {
        continue;
      }
      StringBuilder value = new StringBuilder(e.getKey());
      if (e.getValue().hcaHandles() != null) {
        value.append(" hca_handle=").append(e.getValue().hcaHandles());
      }
      if (e.getValue().hcaObjects() != null) {
        value.append(" hca_object=").append(e.getValue().hcaObjects());
      }
      b.write("rdma", "rdma.max", value.toString(), path);
    }
  }

  /** cgroup v2 files written as given ("unified": {"memory.high": "1G"}), as the runtime-spec asks. */
  private static void unified(Map<String, String> unified, PlanContext ctx, ResourcePlan.Builder b) {
    for (Map.Entry<String, String> e : new TreeMap<>(unified).entrySet()) {
      String key = e.getKey();
      String path = BASE + "unified[\"" + key + "\"]";
      if (key.contains("/") || key.startsWith(".") || !key.contains(".")) {
        b.unsupported("", path, e.getValue(), "not a cgroup interface file name (\"controller.file\", no \"/\")");
        continue;
      }
      String controller = key.substring(0, key.indexOf('.'));
      String owner = controller.equals("cgroup") ? "" : controller;
      Optional<Boolean> where = owner.isEmpty() ? ctx.unified("") : ctx.unified(owner);
      if (where.isEmpty() || !where.get()) {
        b.unsupported(owner, path, e.getValue(), (where.isEmpty() ? "cgroup v2 does not offer the " + controller
            + " controller here" : "the " + controller + " controller is bound to cgroup v1 on this host")
            + "; linux.resources.unified only writes cgroup v2 files: use the v1 settings of linux.resources");
        continue;
      }
      if (!ctx.exists(owner, key)) {
        b.unsupported(owner, path, e.getValue(), "cgroup v2 has no file " + key + " in the container's cgroup"
            + " (misspelt, or the kernel lacks the feature)");
        continue;
      }
      b.write(owner, key, e.getValue(), path);
    }
  }
}
