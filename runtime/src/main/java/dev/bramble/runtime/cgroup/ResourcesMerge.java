package dev.bramble.runtime.cgroup;

import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code update}'s arithmetic: the resources in force with the given changes laid over them, field by field (a
 * field the update leaves out keeps its value, as with runc update). Lists and maps (hugepage limits, rdma,
 * per-device block I/O settings) are replaced as a whole when the update gives them; unified keys are merged.
 */
public final class ResourcesMerge {
  private ResourcesMerge() {}

  public static LinuxResources merge(LinuxResources base, LinuxResources changes) {
    if (base == null) {
      return changes;
    }
    if (changes == null) {
      return base;
    }
    return new LinuxResources(base.devices(), memory(base.memory(), changes.memory()), cpu(base.cpu(), changes.cpu()),
        changes.pids() != null ? new LinuxPids(pick(changes.pids().limit(), base.pids() == null ? null
            : base.pids().limit())) : base.pids(),
        blockIo(base.blockIO(), changes.blockIO()),
        either(changes.hugepageLimits(), base.hugepageLimits()),
        changes.network() != null ? changes.network() : base.network(),
        Absent.map(changes.rdma()).isEmpty() ? base.rdma() : changes.rdma(),
        Absent.map(changes.unified()).isEmpty() ? base.unified() : merged(base.unified(), changes.unified()));
  }

  /**
   * The sections an update touches, with their merged values: what must be written again. Device rules are never
   * part of it.
   */
  public static LinuxResources touched(LinuxResources merged, LinuxResources changes) {
    return new LinuxResources(List.of(),
        changes.memory() != null ? merged.memory() : null,
        changes.cpu() != null ? merged.cpu() : null,
        changes.pids() != null ? merged.pids() : null,
        changes.blockIO() != null ? merged.blockIO() : null,
        Absent.list(changes.hugepageLimits()).isEmpty() ? List.of() : merged.hugepageLimits(),
        changes.network() != null ? merged.network() : null,
        Absent.map(changes.rdma()).isEmpty() ? Map.of() : merged.rdma(),
        Absent.map(changes.unified()));
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> changes) {
    Map<String, String> out = new TreeMap<>(Absent.map(base));
    out.putAll(changes);
    return out;
  }

  private static <T> T pick(T change, T base) {
    return change != null ? change : base;
  }

  private static <T> List<T> either(List<T> change, List<T> base) {
    return Absent.list(change).isEmpty() ? base : change;
  }

  private static LinuxMemory memory(LinuxMemory b, LinuxMemory c) {
    if (c == null || b == null) {
      return c == null ? b : c;
    }
    return new LinuxMemory(pick(c.limit(), b.limit()), pick(c.reservation(), b.reservation()),
        pick(c.swap(), b.swap()), pick(c.kernel(), b.kernel()), pick(c.kernelTCP(), b.kernelTCP()),
        pick(c.swappiness(), b.swappiness()), pick(c.disableOOMKiller(), b.disableOOMKiller()),
        pick(c.useHierarchy(), b.useHierarchy()), pick(c.checkBeforeUpdate(), b.checkBeforeUpdate()));
  }

  private static LinuxCpu cpu(LinuxCpu b, LinuxCpu c) {
    if (c == null || b == null) {
      return c == null ? b : c;
    }
    return new LinuxCpu(pick(c.shares(), b.shares()), pick(c.quota(), b.quota()), pick(c.burst(), b.burst()),
        pick(c.period(), b.period()), pick(c.realtimeRuntime(), b.realtimeRuntime()),
        pick(c.realtimePeriod(), b.realtimePeriod()), pick(c.cpus(), b.cpus()), pick(c.mems(), b.mems()),
        pick(c.idle(), b.idle()));
  }

  private static LinuxBlockIo blockIo(LinuxBlockIo b, LinuxBlockIo c) {
    if (c == null || b == null) {
      return c == null ? b : c;
    }
    return new LinuxBlockIo(pick(c.weight(), b.weight()), pick(c.leafWeight(), b.leafWeight()),
        either(c.weightDevice(), b.weightDevice()),
        either(c.throttleReadBpsDevice(), b.throttleReadBpsDevice()),
        either(c.throttleWriteBpsDevice(), b.throttleWriteBpsDevice()),
        either(c.throttleReadIOPSDevice(), b.throttleReadIOPSDevice()),
        either(c.throttleWriteIOPSDevice(), b.throttleWriteIOPSDevice()));
  }
}
