package dev.bramble.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.runtime.cgroup.CgroupStats;
import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field numbers against containerd/cgroups v2/stats/metrics.proto. */
class CgroupMetricsTest {
  @Test
  void encodesTheV2MetricsFieldsContainerdReads() {
    CgroupStats s = new CgroupStats(
        new CgroupStats.Cpu(5_000_000, List.of(), List.of(), List.of(), 2_000_000, 3_000_000, 7, 1, 4000),
        CgroupStats.CpuSet.NONE,
        new CgroupStats.Memory(0, new CgroupStats.MemoryEntry(67108864, 4096, 8192, 0),
            new CgroupStats.MemoryEntry(-1, 4096, 0, 0), CgroupStats.MemoryEntry.NONE, CgroupStats.MemoryEntry.NONE,
            Map.of("anon", 1024L, "file", 2048L, "pgfault", 9L), 2),
        new CgroupStats.Pids(3, 100),
        new CgroupStats.Blkio(List.of(new CgroupStats.BlkioEntry(8, 0, "Read", 512),
            new CgroupStats.BlkioEntry(8, 0, "Write", 1024), new CgroupStats.BlkioEntry(8, 0, "Total", 1536)),
            List.of(new CgroupStats.BlkioEntry(8, 0, "Read", 1), new CgroupStats.BlkioEntry(8, 0, "Write", 2))),
        Map.of("2MB", new CgroupStats.Hugetlb(0, 4, 0)));
    AnyMessage any = CgroupMetrics.of(s);
    assertEquals("io.containerd.cgroups.v2.Metrics", any.typeUrl());
    ProtoFields m = ProtoFields.parse(any.value());
    ProtoFields pids = ProtoFields.parse(m.bytes(1));
    assertEquals(3, pids.varint(1));
    assertEquals(100, pids.varint(2));
    ProtoFields cpu = ProtoFields.parse(m.bytes(2));
    assertEquals(5000, cpu.varint(1), "usage_usec from nanoseconds");
    assertEquals(3000, cpu.varint(2), "user_usec");
    assertEquals(2000, cpu.varint(3), "system_usec");
    assertEquals(7, cpu.varint(4));
    assertEquals(4, cpu.varint(6));
    ProtoFields mem = ProtoFields.parse(m.bytes(4));
    assertEquals(1024, mem.varint(1), "anon");
    assertEquals(2048, mem.varint(2), "file");
    assertEquals(9, mem.varint(18), "pgfault");
    assertEquals(4096, mem.varint(32), "usage");
    assertEquals(67108864, mem.varint(33), "usage_limit");
    assertEquals(-1, mem.varint(35), "an unlimited swap limit is 2^64-1");
    ProtoFields io = ProtoFields.parse(ProtoFields.parse(m.bytes(6)).bytes(1));
    assertEquals(8, io.varint(1));
    assertEquals(512, io.varint(3));
    assertEquals(1024, io.varint(4));
    assertEquals(1, io.varint(5));
    assertEquals(2, io.varint(6));
    ProtoFields huge = ProtoFields.parse(m.bytes(7));
    assertEquals("2MB", huge.string(3));
    assertEquals(4, huge.varint(2));
    assertEquals(2, ProtoFields.parse(m.bytes(8)).varint(5), "memory_events.oom_kill");
  }
}
