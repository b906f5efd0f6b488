package dev.bramble.runtime.cgroup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A planner's view of a host: which controllers are where, which files exist, what they hold now. */
final class FakePlanContext implements PlanContext {
  final Map<String, Boolean> controllers = new HashMap<>();
  final Set<String> files = new HashSet<>();
  final Map<String, String> values = new HashMap<>();

  /** This VM: every controller on v1 except hugetlb (v2), no net_cls/net_prio/rdma. */
  static FakePlanContext hybrid() {
    FakePlanContext c = new FakePlanContext();
    for (String v1 : new String[] {"cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids"}) {
      c.controllers.put(v1, false);
    }
    c.controllers.put("hugetlb", true);
    c.controllers.put("", true);
    c.files("memory", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.soft_limit_in_bytes",
        "memory.swappiness", "memory.oom_control");
    c.files("cpu", "cpu.shares", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpu.cfs_burst_us", "cpu.rt_runtime_us",
        "cpu.rt_period_us", "cpu.idle");
    c.files("blkio", "blkio.bfq.weight", "blkio.bfq.weight_device", "blkio.throttle.read_bps_device",
        "blkio.throttle.write_iops_device");
    c.files("hugetlb", "hugetlb.2MB.max", "hugetlb.2MB.rsvd.max", "hugetlb.1GB.max");
    return c;
  }

  /** A cgroup v2 host with every usual controller. */
  static FakePlanContext unified() {
    FakePlanContext c = new FakePlanContext();
    for (String v2 : new String[] {"cpu", "cpuset", "memory", "io", "pids", "hugetlb", ""}) {
      c.controllers.put(v2, true);
    }
    c.files("memory", "memory.max", "memory.low", "memory.swap.max", "memory.high");
    c.files("cpu", "cpu.weight", "cpu.max", "cpu.max.burst", "cpu.idle");
    c.files("io", "io.weight", "io.max");
    c.files("hugetlb", "hugetlb.2MB.max");
    c.files("", "cgroup.max.depth");
    return c;
  }

  FakePlanContext files(String controller, String... names) {
    for (String n : names) {
      files.add(controller + "/" + n);
    }
    return this;
  }

  @Override
  public Optional<Boolean> unified(String controller) {
    return Optional.ofNullable(controllers.get(controller));
  }

  @Override
  public boolean exists(String controller, String file) {
    return files.contains(controller + "/" + file);
  }

  @Override
  public Optional<String> current(String controller, String file) {
    return Optional.ofNullable(values.get(controller + "/" + file));
  }
}
