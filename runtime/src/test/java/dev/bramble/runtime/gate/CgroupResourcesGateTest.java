package dev.bramble.runtime.gate;

import static dev.bramble.runtime.gate.GateStatus.FAIL;
import static dev.bramble.runtime.gate.GateStatus.PASS;
import static dev.bramble.runtime.gate.GateStatus.WARN;
import static dev.bramble.runtime.gate.VerdictAssertions.assertVerdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxHugepageLimit;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxNetwork;
import dev.bramble.oci.spec.LinuxRdma;
import dev.bramble.runtime.cgroup.Unsupported;
import dev.bramble.runtime.host.CgroupFacts;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource settings the host cannot enforce, judged on a captured hybrid host and a cgroup v2 host. */
class CgroupResourcesGateTest {
  @TempDir Path dir;

  private HostFacts host(String fixture) {
    return HostFixture.install(fixture, dir.resolve("hosts")).facts();
  }

  private TestBundle bundle() throws IOException {
    return new TestBundle(dir.resolve("bundle"));
  }

  private static GateReport judge(HostFacts host, BundleFacts bundle) {
    return Gates.evaluate(host, Optional.of(bundle), GateDowngrades.NONE);
  }

  @Test
  void theHybridFixtureIsReadAsHybridWithHugetlbInCgroupV2() {
    CgroupFacts cg = host("x86_64-hybrid").cgroups();
    assertEquals(CgroupFacts.Mode.HYBRID, cg.mode());
    assertTrue(cg.onV2("hugetlb"));
    assertFalse(cg.onV2("memory"));
    assertTrue(cg.has("memory"));
    assertEquals(List.of("1GB", "2MB"), cg.hugepageSizes().stream().sorted().toList());
    assertTrue(cg.v1RootFiles().containsAll(Set.of("cpu.rt_runtime_us", "memory.memsw.limit_in_bytes")));
  }

  @Test
  void withoutABundleItSummarisesWhatTheHostCanEnforce() {
    GateReport report = Gates.evaluateHost(host("x86_64-hybrid"));
    assertVerdict(report, GateIds.CGROUP_RESOURCES, PASS, "hugepages 1GB,2MB", "realtime groups yes",
        "freezer v1", "devices v1");
  }

  @Test
  void aUnifiedMemoryKeyOnAHybridHostIsRefusedBecauseMemoryIsBoundToV1() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withUnified(Map.of("memory.high", "100M"))).facts();

    GateReport report = judge(host("x86_64-hybrid"), bundle);

    assertVerdict(report, GateIds.CGROUP_RESOURCES, FAIL, "unified[\"memory.high\"]=100M",
        "bound to cgroup v1", "use the cgroup v1 settings");
    assertVerdict(report, GateIds.MEMORY_CONTROLLER, PASS);
  }

  @Test
  void aUnifiedHugetlbKeyAndExistingPageSizesPassOnTheHybridHost() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withUnified(Map.of("hugetlb.2MB.max", "0"))
        .withHugepageLimits(List.of(new LinuxHugepageLimit("2MB", 0L), new LinuxHugepageLimit("1GB", 0L))))
        .facts();

    assertVerdict(judge(host("x86_64-hybrid"), bundle), GateIds.CGROUP_RESOURCES, PASS, "can be enforced");
  }

  @Test
  void aHugePageSizeTheKernelLacksIsRefusedNamingTheSizesItHas() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withHugepageLimits(List.of(new LinuxHugepageLimit("64KB", 1L))))
        .facts();

    assertVerdict(judge(host("x86_64-hybrid"), bundle), GateIds.CGROUP_RESOURCES, FAIL,
        "linux.resources.hugepageLimits[0]=64KB", "no 64KB huge pages", "2MB", "/sys/kernel/mm/hugepages");
  }

  @Test
  void cgroupV2HasNoSwappinessKernelMemoryRealtimeOrOomKillerSwitch() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r
        .withMemory(new LinuxMemory(1L << 28, null, null, null, null, 10L, true, null, null))
        .withCpu(new LinuxCpu(null, null, null, null, 950L, 1000L, null, null, null))).facts();

    GateReport report = judge(host("x86_64-debian"), bundle);

    assertVerdict(report, GateIds.CGROUP_RESOURCES, FAIL, "memory.swappiness=10", "no per-cgroup swappiness",
        "disableOOMKiller", "cpu.realtimeRuntime=950", "no realtime group scheduling");
    assertVerdict(report, GateIds.MEMORY_CONTROLLER, PASS);
  }

  @Test
  void theSameSettingsAreFineOnTheHybridHostExceptKernelMemoryWhichLinux61Ignores() throws IOException {
    BundleFacts ok = bundle().resources(r -> r
        .withMemory(new LinuxMemory(1L << 28, null, 1L << 29, null, null, 10L, true, null, null))
        .withCpu(new LinuxCpu(null, null, null, null, 950L, 1000L, null, null, null))).facts();
    assertVerdict(judge(host("x86_64-hybrid"), ok), GateIds.CGROUP_RESOURCES, PASS);

    BundleFacts kmem = new TestBundle(dir.resolve("kmem")).resources(r -> r
        .withMemory(new LinuxMemory(null, null, null, 1L << 20, null, null, null, null, null))).facts();
    assertVerdict(judge(host("x86_64-hybrid"), kmem), GateIds.CGROUP_RESOURCES, FAIL,
        "memory.kernel=1048576", "6.1.0-18-amd64 ignores kernel memory limits", "remove linux.resources.memory.kernel");
  }

  @Test
  void netClsAndRdmaNeedControllersThisHostDoesNotMount() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withNetwork(new LinuxNetwork(0x100001L, null))
        .withRdma(Map.of("mlx5_0", new LinuxRdma(2L, 100L)))).facts();

    GateReport report = judge(host("x86_64-hybrid"), bundle);

    assertVerdict(report, GateIds.CGROUP_RESOURCES, FAIL, "network.classID=1048577", "no net_cls controller",
        "rdma[\"mlx5_0\"]", "no rdma controller", "CONFIG_CGROUP_NET_CLASSID=y", "CONFIG_CGROUP_RDMA=y");
  }

  @Test
  void netClsOnACgroupV2HostIsExplainedAsAV1OnlyController() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withNetwork(new LinuxNetwork(7L, null))).facts();

    assertVerdict(judge(host("x86_64-debian"), bundle), GateIds.CGROUP_RESOURCES, FAIL,
        "net_cls is a cgroup v1 controller", "nftables");
  }

  @Test
  void leafWeightsAreRefusedBecauseCfqIsGone() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withBlockIO(
        new LinuxBlockIo(500, 300, null, null, null, null, null))).facts();

    assertVerdict(judge(host("x86_64-hybrid"), bundle), GateIds.CGROUP_RESOURCES, FAIL,
        "blockIO.leafWeight=300", "CFQ");
  }

  @Test
  void aDowngradeTurnsTheFailureIntoAWarningAndLetsCreateSkipTheSetting() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withHugepageLimits(List.of(new LinuxHugepageLimit("64KB", 1L))))
        .annotation("dev.bramble.gate.cgroup-resources", "warn").facts();

    GateReport report = judge(host("x86_64-hybrid"), bundle);

    assertVerdict(report, GateIds.CGROUP_RESOURCES, WARN, "no 64KB huge pages");
    var tolerated = ResourceGates.tolerated(GateDowngrades.NONE, bundle.annotations());
    assertTrue(tolerated.test(new Unsupported("hugetlb", "linux.resources.hugepageLimits[0]", "64KB", "x")));
    assertFalse(tolerated.test(new Unsupported("memory", "linux.resources.memory.limit", "1", "x")),
        "memory settings answer to the memory-controller gate, which was not downgraded");
  }

  @Test
  void eachControllerAnswersToItsGate() {
    assertEquals(GateIds.MEMORY_CONTROLLER, ResourceGates.gateFor("memory"));
    assertEquals(GateIds.PIDS_CONTROLLER, ResourceGates.gateFor("pids"));
    assertEquals(GateIds.CPU_CONTROLLER, ResourceGates.gateFor("cpuset"));
    assertEquals(GateIds.CGROUP_RESOURCES, ResourceGates.gateFor("hugetlb"));
    var flag = ResourceGates.tolerated(GateDowngrades.fromFlag(List.of("memory-controller")), Map.of());
    assertTrue(flag.test(new Unsupported("memory", "linux.resources.memory.limit", "1", "x")));
  }
}
