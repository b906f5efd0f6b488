package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxHugepageLimit;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.LinuxThrottleDevice;
import dev.bramble.oci.spec.LinuxWeightDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** linux.resources → interface-file writes, per cgroup version, against fake hosts. */
class ResourcePlannerTest {
  private static LinuxResources resources() {
    return new LinuxResources(null, null, null, null, null, null, null, null, null);
  }

  private static List<String> writes(LinuxResources r, PlanContext ctx) {
    ResourcePlan plan = ResourcePlanner.plan(r, ctx);
    assertEquals(List.of(), plan.unsupported(), "nothing unsupported expected");
    return plan.writes().stream().map(w -> w.controller() + ":" + w).toList();
  }

  private static List<String> unsupported(LinuxResources r, PlanContext ctx) {
    return ResourcePlanner.plan(r, ctx).unsupported().stream().map(Unsupported::describe).toList();
  }

  private static LinuxMemory memory(Long limit, Long swap) {
    return new LinuxMemory(limit, null, swap, null, null, null, null, null, null);
  }

  @Test
  void v1MemoryWritesLimitThenSwapWhenShrinking() {
    FakePlanContext ctx = FakePlanContext.hybrid();
    ctx.values.put("memory/memory.limit_in_bytes", "1073741824");
    assertEquals(List.of("memory:memory.limit_in_bytes=268435456", "memory:memory.memsw.limit_in_bytes=536870912"),
        writes(resources().withMemory(memory(256L << 20, 512L << 20)), ctx));
  }

  @Test
  void v1MemoryWritesSwapFirstWhenTheNewSwapIsAboveTheCurrentLimit() {
    FakePlanContext ctx = FakePlanContext.hybrid();
    ctx.values.put("memory/memory.limit_in_bytes", "268435456");
    assertEquals(List.of("memory:memory.memsw.limit_in_bytes=2147483648", "memory:memory.limit_in_bytes=1073741824"),
        writes(resources().withMemory(memory(1L << 30, 2L << 30)), ctx));
  }

  @Test
  void v1UnlimitedMemoryAlsoLiftsSwap() {
    assertEquals(List.of("memory:memory.memsw.limit_in_bytes=-1", "memory:memory.limit_in_bytes=-1"),
        writes(resources().withMemory(memory(-1L, null)), FakePlanContext.hybrid()));
  }

  @Test
  void v1MemoryKnobs() {
    LinuxMemory m = new LinuxMemory(null, 1000L, null, null, 2000L, 30L, true, null, null);
    assertEquals(List.of("memory:memory.soft_limit_in_bytes=1000", "memory:memory.kmem.tcp.limit_in_bytes=2000",
        "memory:memory.swappiness=30", "memory:memory.oom_control=1"),
        writes(resources().withMemory(m), FakePlanContext.hybrid()));
  }

  @Test
  void v2MemoryConvertsSwapToSwapAlone() {
    assertEquals(List.of("memory:memory.max=268435456", "memory:memory.swap.max=268435456"),
        writes(resources().withMemory(memory(256L << 20, 512L << 20)), FakePlanContext.unified()));
    assertEquals(List.of("memory:memory.max=max", "memory:memory.swap.max=max"),
        writes(resources().withMemory(memory(-1L, null)), FakePlanContext.unified()));
  }

  @Test
  void v2RefusesWhatOnlyV1Has() {
    LinuxMemory m = new LinuxMemory(1L << 28, null, 1L << 27, 1L << 20, null, 10L, true, null, null);
    List<String> refused = unsupported(resources().withMemory(m)
        .withCpu(new LinuxCpu(null, null, null, null, 950L, 1000L, null, null, null)), FakePlanContext.unified());
    assertEquals(5, refused.size(), refused.toString());
    assertTrue(refused.get(0).startsWith("linux.resources.memory.swap=134217728: memory.swap (memory plus swap) must"
        + " be at least memory.limit"), refused.get(0));
    assertTrue(String.join("|", refused).contains("memory.kernel=1048576: kernel memory limits has no cgroup v2"),
        refused.toString());
    assertTrue(String.join("|", refused).contains("memory.swappiness=10"), refused.toString());
    assertTrue(String.join("|", refused).contains("disableOOMKiller=true"), refused.toString());
    assertTrue(String.join("|", refused).contains("cpu.realtimeRuntime=950: cgroup v2 has no realtime"),
        refused.toString());
  }

  @Test
  void cpuV1WritesSharesRealtimeThenPeriodBeforeQuota() {
    LinuxCpu c = new LinuxCpu(512L, 50000L, null, 100000L, 10000L, 1000000L, "0-1", "0", null);
    assertEquals(List.of("cpu:cpu.shares=512", "cpu:cpu.rt_period_us=1000000", "cpu:cpu.rt_runtime_us=10000",
        "cpu:cpu.cfs_period_us=100000", "cpu:cpu.cfs_quota_us=50000", "cpuset:cpuset.cpus=0-1",
        "cpuset:cpuset.mems=0"), writes(resources().withCpu(c), FakePlanContext.hybrid()));
  }

  @Test
  void cpuV2ConvertsSharesToWeightAndJoinsQuotaAndPeriod() {
    LinuxCpu c = new LinuxCpu(1024L, 50000L, 10000L, 100000L, null, null, null, null, 1L);
    assertEquals(List.of("cpu:cpu.weight=39", "cpu:cpu.max=50000 100000", "cpu:cpu.max.burst=10000",
        "cpu:cpu.idle=1"), writes(resources().withCpu(c), FakePlanContext.unified()));
    assertEquals(List.of("cpu:cpu.max=max 250000"), writes(resources().withCpu(
        new LinuxCpu(null, null, null, 250000L, null, null, null, null, null)), FakePlanContext.unified()));
    assertEquals(1L, CpuPlanner.weightFromShares(2));
    assertEquals(10000L, CpuPlanner.weightFromShares(262144));
  }

  @Test
  void pidsMinusOneIsMaxAndZeroIsUnset() {
    assertEquals(List.of("pids:pids.max=max"), writes(resources().withPids(new LinuxPids(-1L)),
        FakePlanContext.hybrid()));
    assertEquals(List.of("pids:pids.max=64"), writes(resources().withPids(new LinuxPids(64L)),
        FakePlanContext.unified()));
    assertEquals(List.of(), writes(resources().withPids(new LinuxPids(0L)), FakePlanContext.unified()));
  }

  @Test
  void blockIoV1UsesBfqFilesAndThrottles() {
    LinuxBlockIo io = new LinuxBlockIo(500, null, List.of(new LinuxWeightDevice(8L, 0L, 300, null)),
        List.of(new LinuxThrottleDevice(8L, 0L, 1048576L)), null, null,
        List.of(new LinuxThrottleDevice(8L, 16L, 100L)));
    assertEquals(List.of("blkio:blkio.bfq.weight=500", "blkio:blkio.bfq.weight_device=8:0 300",
        "blkio:blkio.throttle.read_bps_device=8:0 1048576", "blkio:blkio.throttle.write_iops_device=8:16 100"),
        writes(resources().withBlockIO(io), FakePlanContext.hybrid()));
  }

  @Test
  void blockIoV2ConvertsTheWeightAndUsesIoMax() {
    LinuxBlockIo io = new LinuxBlockIo(500, null, null, List.of(new LinuxThrottleDevice(8L, 0L, 1048576L)), null,
        null, null);
    assertEquals(List.of("io:io.weight=default 4950", "io:io.max=8:0 rbps=1048576"),
        writes(resources().withBlockIO(io), FakePlanContext.unified()));
  }

  @Test
  void hugepagesGoToWhicheverHierarchyHoldsHugetlb() {
    LinuxResources r = resources().withHugepageLimits(List.of(new LinuxHugepageLimit("2MB", 4194304L)));
    assertEquals(List.of("hugetlb:hugetlb.2MB.max=4194304", "hugetlb:hugetlb.2MB.rsvd.max=4194304"),
        writes(r, FakePlanContext.hybrid()));
    List<String> refused = unsupported(resources().withHugepageLimits(List.of(new LinuxHugepageLimit("64KB", 1L))),
        FakePlanContext.hybrid());
    assertEquals(1, refused.size());
    assertTrue(refused.get(0).contains("no 64KB huge pages"), refused.get(0));
  }

  @Test
  void unifiedKeysAreWrittenVerbatimOnlyInCgroupV2AndOnlyIfTheFileExists() {
    assertEquals(List.of(":cgroup.max.depth=3", "memory:memory.high=900M"),
        writes(resources().withUnified(Map.of("memory.high", "900M", "cgroup.max.depth", "3")),
            FakePlanContext.unified()));
    List<String> refused = unsupported(resources().withUnified(Map.of("memory.high", "900M", "../x", "1",
        "memory.nonsense", "1")), FakePlanContext.unified());
    assertEquals(2, refused.size(), refused.toString());
    assertTrue(refused.toString().contains("not a cgroup interface file name"), refused.toString());
    assertTrue(refused.toString().contains("no file memory.nonsense"), refused.toString());
    List<String> hybrid = unsupported(resources().withUnified(Map.of("memory.high", "900M")),
        FakePlanContext.hybrid());
    assertTrue(hybrid.get(0).contains("bound to cgroup v1"), hybrid.toString());
  }

  @Test
  void aMissingControllerIsReportedNotSkipped() {
    FakePlanContext ctx = FakePlanContext.hybrid();
    ctx.controllers.remove("memory");
    List<String> refused = unsupported(resources().withMemory(memory(1L << 20, null)), ctx);
    assertEquals(1, refused.size());
    assertTrue(refused.get(0).contains("the memory cgroup controller is not available"), refused.get(0));
  }
}
