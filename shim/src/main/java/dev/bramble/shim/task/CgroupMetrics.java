package dev.bramble.shim.task;

import dev.bramble.runtime.cgroup.CgroupStats;
import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's cgroup usage as the Stats reply containerd's CRI accepts: {@code io.containerd.cgroups.v2.Metrics}
 * (containerd/cgroups v2/stats/metrics.proto: pids = 1, cpu = 2, memory = 4, io = 6, hugetlb = 7,
 * memory_events = 8), whatever cgroup version the numbers came from.
 */
final class CgroupMetrics {
  static final String TYPE = "io.containerd.cgroups.v2.Metrics";

  /** memory.stat keys in MemoryStat field order (1..31); usage and limits follow as 32..35. */
  private static final List<String> MEMORY_STAT = List.of("anon", "file", "kernel_stack", "slab", "sock", "shmem",
      "file_mapped", "file_dirty", "file_writeback", "anon_thp", "inactive_anon", "active_anon", "inactive_file",
      "active_file", "unevictable", "slab_reclaimable", "slab_unreclaimable", "pgfault", "pgmajfault",
      "workingset_refault", "workingset_activate", "workingset_nodereclaim", "pgrefill", "pgscan", "pgsteal",
      "pgactivate", "pgdeactivate", "pglazyfree", "pglazyfreed", "thp_fault_alloc", "thp_collapse_alloc");

  private CgroupMetrics() {}

  static AnyMessage of(CgroupStats s) {
    ProtoWriter m = new ProtoWriter();
    m.message(1, new ProtoWriter().varint(1, s.pids().current()).varint(2, s.pids().limit()).toByteArray());
    CgroupStats.Cpu cpu = s.cpu();
    m.message(2, new ProtoWriter().varint(1, cpu.total() / 1000).varint(2, cpu.user() / 1000)
        .varint(3, cpu.kernel() / 1000).varint(4, cpu.periods()).varint(5, cpu.throttledPeriods())
        .varint(6, cpu.throttledTime() / 1000).toByteArray());
    ProtoWriter mem = new ProtoWriter();
    Map<String, Long> raw = s.memory().raw();
    for (int i = 0; i < MEMORY_STAT.size(); i++) {
      mem.varint(i + 1, raw.getOrDefault(MEMORY_STAT.get(i), 0L));
    }
    mem.varint(32, s.memory().usage().usage()).varint(33, s.memory().usage().limit())
        .varint(34, s.memory().swap().usage()).varint(35, s.memory().swap().limit());
    m.message(4, mem.toByteArray());
    m.message(6, io(s.blkio()));
    for (Map.Entry<String, CgroupStats.Hugetlb> h : s.hugetlb().entrySet()) {
      m.message(7, new ProtoWriter().varint(1, h.getValue().usage()).varint(2, h.getValue().max())
          .string(3, h.getKey()).toByteArray());
    }
    m.message(8, new ProtoWriter().varint(5, s.memory().oomKills()).toByteArray());
    return new AnyMessage(TYPE, m.toByteArray());
  }

  /** IOStat {usage = 1 repeated IOEntry{major, minor, rbytes, wbytes, rios, wios}}, one entry per device. */
  private static byte[] io(CgroupStats.Blkio blkio) {
    Map<String, long[]> devices = new LinkedHashMap<>();
    add(devices, blkio.serviceBytes(), 0);
    add(devices, blkio.serviced(), 2);
    ProtoWriter io = new ProtoWriter();
    for (long[] d : devices.values()) {
      io.message(1, new ProtoWriter().varint(1, d[0]).varint(2, d[1]).varint(3, d[2]).varint(4, d[3])
          .varint(5, d[4]).varint(6, d[5]).toByteArray());
    }
    return io.toByteArray();
  }

  /** @param base 0 for bytes (rbytes, wbytes), 2 for operations (rios, wios) */
  private static void add(Map<String, long[]> devices, List<CgroupStats.BlkioEntry> entries, int base) {
    for (CgroupStats.BlkioEntry e : entries) {
      long[] d = devices.computeIfAbsent(e.major() + ":" + e.minor(), k -> new long[] {e.major(), e.minor(), 0, 0,
          0, 0});
      if (e.op().equalsIgnoreCase("Read")) {
        d[2 + base] += e.value();
      } else if (e.op().equalsIgnoreCase("Write")) {
        d[3 + base] += e.value();
      }
    }
  }
}
