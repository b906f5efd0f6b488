package dev.bramble.runtime.cgroup;

import static dev.bramble.runtime.cgroup.ResourcePlanner.BASE;

import dev.bramble.oci.spec.LinuxCpu;
import java.util.Optional;

/** linux.resources.cpu: the cpu controller (shares/weight, CFS quota, realtime, idle) and cpuset (cpus, mems). */
final class CpuPlanner {
  private static final String CPU = "cpu", CPUSET = "cpuset";

  private CpuPlanner() {}

  static void plan(LinuxCpu c, PlanContext ctx, ResourcePlan.Builder b) {
    if (c == null) {
      return;
    }
    boolean cfs = nz(c.shares()) || nz(c.quota()) || nz(c.period()) || nz(c.burst()) || nz(c.realtimePeriod())
        || nz(c.realtimeRuntime()) || c.idle() != null;
    if (cfs) {
      Optional<Boolean> unified = ResourcePlanner.controller(ctx, b, CPU, BASE + "cpu", "(cpu settings)");
      if (unified.isPresent() && unified.get()) {
        v2(c, ctx, b);
      } else if (unified.isPresent()) {
        v1(c, ctx, b);
      }
    }
    if (c.cpus() != null && !c.cpus().isBlank()
        && ResourcePlanner.controller(ctx, b, CPUSET, BASE + "cpu.cpus", c.cpus()).isPresent()) {
      b.write(CPUSET, "cpuset.cpus", c.cpus(), BASE + "cpu.cpus");
    }
    if (c.mems() != null && !c.mems().isBlank()
        && ResourcePlanner.controller(ctx, b, CPUSET, BASE + "cpu.mems", c.mems()).isPresent()) {
      b.write(CPUSET, "cpuset.mems", c.mems(), BASE + "cpu.mems");
    }
  }

  private static boolean nz(Long v) {
    return v != null && v != 0;
  }

  private static void v1(LinuxCpu c, PlanContext ctx, ResourcePlan.Builder b) {
    if (nz(c.shares())) {
      b.write(CPU, "cpu.shares", Long.toUnsignedString(c.shares()), BASE + "cpu.shares");
    }
    // realtime first: a process already running SCHED_RR cannot join a cgroup without realtime bandwidth
    if (nz(c.realtimePeriod()) || nz(c.realtimeRuntime())) {
      if (!ctx.exists(CPU, "cpu.rt_runtime_us")) {
        b.unsupported(CPU, BASE + "cpu.realtimeRuntime", c.realtimeRuntime(), "the kernel has no realtime group"
            + " scheduling (built without CONFIG_RT_GROUP_SCHED: no cpu.rt_runtime_us); remove realtimeRuntime and"
            + " realtimePeriod");
      } else {
        if (nz(c.realtimePeriod())) {
          b.write(CPU, "cpu.rt_period_us", Long.toUnsignedString(c.realtimePeriod()), BASE + "cpu.realtimePeriod");
        }
        if (nz(c.realtimeRuntime())) {
          b.write(CPU, "cpu.rt_runtime_us", Long.toString(c.realtimeRuntime()), BASE + "cpu.realtimeRuntime");
        }
      }
    }
    if (nz(c.period())) {
      b.write(CPU, "cpu.cfs_period_us", Long.toUnsignedString(c.period()), BASE + "cpu.period");
    }
    if (nz(c.quota())) {
      b.write(CPU, "cpu.cfs_quota_us", c.quota() < 0 ? "-1" : Long.toString(c.quota()), BASE + "cpu.quota");
    }
    burst(c, ctx, b, "cpu.cfs_burst_us");
    idle(c, ctx, b);
  }

  private static void v2(LinuxCpu c, PlanContext ctx, ResourcePlan.Builder b) {
    if (nz(c.shares())) {
      b.write(CPU, "cpu.weight", Long.toString(weightFromShares(c.shares())), BASE + "cpu.shares");
    }
    if (nz(c.realtimePeriod()) || nz(c.realtimeRuntime())) {
      b.unsupported(CPU, BASE + "cpu.realtimeRuntime", c.realtimeRuntime(), "cgroup v2 has no realtime group"
          + " scheduling; remove realtimeRuntime and realtimePeriod (or run on a cgroup v1 host)");
    }
    if (nz(c.quota()) || nz(c.period())) {
      String quota = nz(c.quota()) && c.quota() > 0 ? Long.toString(c.quota()) : "max";
      b.write(CPU, "cpu.max", quota + (nz(c.period()) ? " " + Long.toUnsignedString(c.period()) : ""),
          BASE + (nz(c.quota()) ? "cpu.quota" : "cpu.period"));
    }
    burst(c, ctx, b, "cpu.max.burst");
    idle(c, ctx, b);
  }

  private static void burst(LinuxCpu c, PlanContext ctx, ResourcePlan.Builder b, String file) {
    if (c.burst() == null) {
      return;
    }
    if (!ctx.exists(CPU, file)) {
      b.unsupported(CPU, BASE + "cpu.burst", Long.toUnsignedString(c.burst()), "the kernel has no CFS burst"
          + " (no " + file + ": Linux 5.14 or newer needed); remove cpu.burst");
      return;
    }
    b.write(CPU, file, Long.toUnsignedString(c.burst()), BASE + "cpu.burst");
  }

  private static void idle(LinuxCpu c, PlanContext ctx, ResourcePlan.Builder b) {
    if (c.idle() == null) {
      return;
    }
    if (!ctx.exists(CPU, "cpu.idle")) {
      b.unsupported(CPU, BASE + "cpu.idle", c.idle(), "the kernel has no cpu.idle (Linux 5.15 or newer); remove"
          + " cpu.idle");
      return;
    }
    b.write(CPU, "cpu.idle", Long.toString(c.idle()), BASE + "cpu.idle");
  }

  /**
   * cgroup v1 shares (2..262144, default 1024) onto cgroup v2 weight (1..10000, default 100), linearly, as runc,
   * crun and systemd convert.
   */
  static long weightFromShares(long shares) {
    long s = Math.max(2, Math.min(262144, shares));
    return 1 + ((s - 2) * 9999) / 262142;
  }
}
