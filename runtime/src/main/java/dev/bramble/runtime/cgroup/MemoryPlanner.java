package dev.bramble.runtime.cgroup;

import static dev.bramble.runtime.cgroup.ResourcePlanner.BASE;

import dev.bramble.oci.spec.LinuxMemory;
import java.util.Optional;

/** linux.resources.memory: v1 memory.* files, or v2 memory.max/low/swap.max with runc's swap conversion. */
final class MemoryPlanner {
  private static final String M = "memory";
  /** What v1 reads back for "no limit" (PAGE_COUNTER_MAX pages, rounded): any value at least this is unlimited. */
  private static final long V1_UNLIMITED_THRESHOLD = Long.MAX_VALUE / 2;

  private MemoryPlanner() {}

  static void plan(LinuxMemory m, PlanContext ctx, ResourcePlan.Builder b) {
    if (m == null || !requested(m)) {
      return;
    }
    Optional<Boolean> unified = ResourcePlanner.controller(ctx, b, M, BASE + "memory", describe(m));
    if (unified.isEmpty()) {
      return;
    }
    if (unified.get()) {
      v2(m, ctx, b);
    } else {
      v1(m, ctx, b);
    }
  }

  private static boolean requested(LinuxMemory m) {
    return nz(m.limit()) || nz(m.reservation()) || nz(m.swap()) || nz(m.kernel()) || nz(m.kernelTCP())
        || swappiness(m).isPresent() || Boolean.TRUE.equals(m.disableOOMKiller()) || m.useHierarchy() != null;
  }

  private static String describe(LinuxMemory m) {
    return m.limit() != null ? Long.toString(m.limit()) : "(memory settings)";
  }

  private static boolean nz(Long v) {
    return v != null && v != 0;
  }

  /** swappiness is a uint64 in the spec; runc treats the all-ones value (read back as -1) as "not set". */
  private static Optional<Long> swappiness(LinuxMemory m) {
    return m.swappiness() == null || m.swappiness() == -1 ? Optional.empty() : Optional.of(m.swappiness());
  }

  private static String limit(long v) {
    return v < 0 ? "-1" : Long.toString(v);
  }

  private static boolean invalid(ResourcePlan.Builder b, String field, Long v) {
    if (v != null && v < -1) {
      b.unsupported(M, BASE + "memory." + field, v, "a memory value must be a byte count, 0 (unset) or -1"
          + " (unlimited)");
      return true;
    }
    return false;
  }

  private static void v1(LinuxMemory m, PlanContext ctx, ResourcePlan.Builder b) {
    long limit = m.limit() == null ? 0 : m.limit();
    long swap = m.swap() == null ? 0 : m.swap();
    if (invalid(b, "limit", m.limit()) | invalid(b, "swap", m.swap()) | invalid(b, "reservation", m.reservation())
        | invalid(b, "kernel", m.kernel()) | invalid(b, "kernelTCP", m.kernelTCP())) {
      return;
    }
    boolean swapAccounting = ctx.exists(M, "memory.memsw.limit_in_bytes");
    if (limit == -1 && swap == 0 && swapAccounting) {
      swap = -1; // "unlimited memory" means unlimited swap too, or the old memsw limit would still bind
    }
    if (swap != 0 && !swapAccounting) {
      b.unsupported(M, BASE + "memory.swap", swap, "the kernel does not account swap in cgroup v1 (no"
          + " memory.memsw.limit_in_bytes: booted with swapaccount=0 or built without CONFIG_MEMCG_SWAP); remove"
          + " memory.swap, or boot with swapaccount=1");
      swap = 0;
    }
    String limitPath = BASE + "memory.limit";
    String swapPath = BASE + "memory.swap";
    if (limit != 0 && swap != 0) {
      // the kernel keeps memory <= memsw at every step: memsw goes first when it can (it is not below the current
      // memory limit), otherwise the memory limit goes first
      long currentLimit = ctx.current(M, "memory.limit_in_bytes").map(MemoryPlanner::parse).orElse(-1L);
      boolean swapFirst = swap == -1 || currentLimit != -1 && currentLimit < swap;
      if (swapFirst) {
        b.write(M, "memory.memsw.limit_in_bytes", limit(swap), swapPath);
        b.write(M, "memory.limit_in_bytes", limit(limit), limitPath);
      } else {
        b.write(M, "memory.limit_in_bytes", limit(limit), limitPath);
        b.write(M, "memory.memsw.limit_in_bytes", limit(swap), swapPath);
      }
    } else if (limit != 0) {
      b.write(M, "memory.limit_in_bytes", limit(limit), limitPath);
    } else if (swap != 0) {
      b.write(M, "memory.memsw.limit_in_bytes", limit(swap), swapPath);
    }
    if (nz(m.reservation())) {
      b.write(M, "memory.soft_limit_in_bytes", limit(m.reservation()), BASE + "memory.reservation");
    }
    if (nz(m.kernel())) {
      b.write(M, "memory.kmem.limit_in_bytes", limit(m.kernel()), BASE + "memory.kernel");
    }
    if (nz(m.kernelTCP())) {
      b.write(M, "memory.kmem.tcp.limit_in_bytes", limit(m.kernelTCP()), BASE + "memory.kernelTCP");
    }
    swappiness(m).ifPresent(s -> {
      if (s < 0 || s > 100) {
        b.unsupported(M, BASE + "memory.swappiness", Long.toUnsignedString(s), "swappiness must be 0 to 100");
      } else {
        b.write(M, "memory.swappiness", Long.toString(s), BASE + "memory.swappiness");
      }
    });
    if (Boolean.TRUE.equals(m.disableOOMKiller())) {
      b.write(M, "memory.oom_control", "1", BASE + "memory.disableOOMKiller");
    }
    if (m.useHierarchy() != null) {
      b.write(M, "memory.use_hierarchy", m.useHierarchy() ? "1" : "0", BASE + "memory.useHierarchy");
    }
  }

  private static void v2(LinuxMemory m, PlanContext ctx, ResourcePlan.Builder b) {
    if (invalid(b, "limit", m.limit()) | invalid(b, "swap", m.swap()) | invalid(b, "reservation", m.reservation())) {
      return;
    }
    long limit = m.limit() == null ? 0 : m.limit();
    long swap = m.swap() == null ? 0 : m.swap();
    if (limit != 0) {
      b.write(M, "memory.max", max(limit), BASE + "memory.limit");
    }
    if (swap != 0 || limit == -1) {
      swapV2(limit, swap, ctx, b);
    }
    if (nz(m.reservation())) {
      b.write(M, "memory.low", max(m.reservation()), BASE + "memory.reservation");
    }
    String why = " has no cgroup v2 equivalent";
    if (nz(m.kernel())) {
      b.unsupported(M, BASE + "memory.kernel", m.kernel(), "kernel memory limits" + why + " (memory.max already"
          + " counts kernel memory); remove memory.kernel");
    }
    if (nz(m.kernelTCP())) {
      b.unsupported(M, BASE + "memory.kernelTCP", m.kernelTCP(), "a TCP buffer limit" + why + " (memory.max"
          + " already counts socket buffers); remove memory.kernelTCP");
    }
    swappiness(m).ifPresent(s -> b.unsupported(M, BASE + "memory.swappiness", Long.toUnsignedString(s),
        "per-cgroup swappiness" + why + "; remove memory.swappiness"));
    if (Boolean.TRUE.equals(m.disableOOMKiller())) {
      b.unsupported(M, BASE + "memory.disableOOMKiller", true, "turning the OOM killer off" + why
          + "; remove memory.disableOOMKiller (memory.high in linux.resources.unified throttles instead)");
    }
    if (Boolean.FALSE.equals(m.useHierarchy())) {
      b.unsupported(M, BASE + "memory.useHierarchy", false, "cgroup v2 is always hierarchical; remove"
          + " memory.useHierarchy");
    }
  }

  /** The spec's swap is memory+swap; cgroup v2's memory.swap.max is swap alone (runc's conversion). */
  private static void swapV2(long limit, long swap, PlanContext ctx, ResourcePlan.Builder b) {
    String path = BASE + "memory.swap";
    String value;
    if (limit == -1 && swap == 0 || swap == -1) {
      value = "max";
    } else if (limit <= 0) {
      b.unsupported(M, path, swap, "a swap limit needs a memory limit (memory.swap is memory plus swap); set"
          + " memory.limit too");
      return;
    } else if (swap < limit) {
      b.unsupported(M, path, swap, "memory.swap (memory plus swap) must be at least memory.limit (" + limit + ")");
      return;
    } else {
      value = Long.toString(swap - limit);
    }
    if (!ctx.exists(M, "memory.swap.max")) {
      if (swap == 0) {
        return; // nothing was asked of swap; the kernel just has no swap accounting
      }
      b.unsupported(M, path, swap, "the kernel does not account swap (no memory.swap.max: built without"
          + " CONFIG_SWAP or booted with swapaccount=0); remove memory.swap");
      return;
    }
    b.write(M, "memory.swap.max", value, path);
  }

  private static String max(long v) {
    return v < 0 ? "max" : Long.toString(v);
  }

  /** A v1 limit file's value; "unlimited" reads back as a huge number and is returned as -1. */
  static long parse(String text) {
    try {
      long v = Long.parseLong(text.trim());
      return v >= V1_UNLIMITED_THRESHOLD ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
