package dev.bramble.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * A container's resource usage, read from its cgroups (v1 or v2 per controller), in the units runc reports:
 * nanoseconds for CPU time, bytes for memory. Unsigned 64-bit kernel values are held in longs (read them with
 * Long.toUnsignedString); v1 limits are the files' values (an unlimited one reads 9223372036854771712), v2's "max"
 * is -1, i.e. 2^64-1 — what runc reports for each.
 */
public record CgroupStats(Cpu cpu, CpuSet cpuset, Memory memory, Pids pids, Blkio blkio,
    Map<String, Hugetlb> hugetlb) {

  public CgroupStats {
    hugetlb = Map.copyOf(hugetlb);
  }

  /** CPU time and CFS throttling. */
  public record Cpu(long total, List<Long> percpu, List<Long> percpuKernel, List<Long> percpuUser, long kernel,
      long user, long periods, long throttledPeriods, long throttledTime) {
    public static final Cpu NONE = new Cpu(0, List.of(), List.of(), List.of(), 0, 0, 0, 0, 0);
  }

  /** The cpuset's CPUs and memory nodes, and its v1 flags by file name without the "cpuset." prefix. */
  public record CpuSet(List<Integer> cpus, List<Integer> mems, Map<String, Long> flags) {
    public static final CpuSet NONE = new CpuSet(List.of(), List.of(), Map.of());
  }

  public record MemoryEntry(long limit, long usage, long max, long failcnt) {
    public static final MemoryEntry NONE = new MemoryEntry(0, 0, 0, 0);
  }

  /**
   * @param swap memory plus swap, as v1's memsw (v2 values are added up to match, as runc does)
   * @param oomKills processes the OOM killer killed in this cgroup (memory.events oom_kill, v1 oom_control)
   */
  public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
      Map<String, Long> raw, long oomKills) {
    public static final Memory NONE = new Memory(0, MemoryEntry.NONE, MemoryEntry.NONE, MemoryEntry.NONE,
        MemoryEntry.NONE, Map.of(), 0);
  }

  public record Pids(long current, long limit) {}

  /** @param op "Read", "Write", "Sync", "Async", "Discard" or "Total" */
  public record BlkioEntry(long major, long minor, String op, long value) {}

  public record Blkio(List<BlkioEntry> serviceBytes, List<BlkioEntry> serviced) {
    public static final Blkio NONE = new Blkio(List.of(), List.of());
  }

  public record Hugetlb(long usage, long max, long failcnt) {}
}
