package dev.bramble.runtime.gate;

import static dev.bramble.runtime.gate.GateStatus.FAIL;
import static dev.bramble.runtime.gate.GateStatus.PASS;
import static dev.bramble.runtime.gate.GateStatus.WARN;
import static dev.bramble.runtime.gate.VerdictAssertions.assertNoVerdict;
import static dev.bramble.runtime.gate.VerdictAssertions.assertVerdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundle requirements from config.json (limits, namespaces, declarations, downgrades) against captured hosts. */
class BundleGatesTest {
  static final LinuxMemory LIMIT_256M =
      new LinuxMemory(268435456L, null, null, null, null, null, null, null, null);

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
  void aMemoryLimitOnAPi4WithoutTheMemoryControllerIsRefusedWithTheCmdlineFix() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withMemory(LIMIT_256M)).facts();

    GateReport report = judge(host("rpi4-raspios"), bundle);

    assertVerdict(report, GateIds.MEMORY_CONTROLLER, FAIL, "linux.resources.memory.limit=268435456",
        "cgroup_disable=memory", "cgroup_enable=memory", "/boot/firmware/cmdline.txt",
        "or remove the setting from config.json");
    assertTrue(report.failed());
    String error = report.createError("c1");
    assertTrue(error.startsWith("create c1: gate memory-controller failed: memory controller absent (cgroup v2"),
        error);
    assertTrue(error.contains("(/proc/self/mounts, /sys/fs/cgroup/cgroup.controllers, /proc/cmdline); config.json"
        + " sets linux.resources.memory.limit=268435456"), error);
    assertTrue(error.contains("; fix: append cgroup_enable=memory to the single line in /boot/firmware/cmdline.txt"),
        error);
    assertFalse(error.contains("\n"), "one log line");
  }

  @Test
  void theSameLimitPassesOnAPi5WhereTheUserEnabledTheController() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withMemory(LIMIT_256M)).facts();

    assertVerdict(judge(host("rpi5-raspios"), bundle), GateIds.MEMORY_CONTROLLER, PASS, "memory present");
  }

  @Test
  void unlimitedValuesNeedNoController() throws IOException {
    LinuxMemory unlimited = new LinuxMemory(-1L, 0L, null, null, null, null, null, null, null);
    BundleFacts bundle = bundle().resources(r -> r.withMemory(unlimited).withPids(new LinuxPids(-1L))).facts();

    GateReport report = judge(host("rpi4-raspios"), bundle);

    assertVerdict(report, GateIds.MEMORY_CONTROLLER, PASS, "sets no limit that needs it");
    assertTrue(bundle.resources().isEmpty(), bundle.resources().toString());
  }

  @Test
  void anAnnotationDowngradesAFailureToALoggedWarning() throws IOException {
    BundleFacts bundle = bundle().withElfShell(183).resources(r -> r.withMemory(LIMIT_256M))
        .annotation("dev.bramble.gate.memory-controller", "warn").facts();

    GateReport report = judge(host("rpi4-raspios"), bundle);

    Verdict v = assertVerdict(report, GateIds.MEMORY_CONTROLLER, WARN, "cgroup_enable=memory");
    assertEquals(Optional.of("annotation dev.bramble.gate.memory-controller=warn"), v.downgradedBy());
    assertFalse(report.failed());
    assertEquals(1, report.downgradeNotices().size());
    assertTrue(report.downgradeNotices().get(0).startsWith("gate memory-controller failed, downgraded to a warning"
        + " by annotation dev.bramble.gate.memory-controller=warn: memory controller absent"),
        report.downgradeNotices().get(0));
    assertVerdict(report, GateIds.ANNOTATIONS, PASS, "dev.bramble.gate.memory-controller=warn");
  }

  @Test
  void theRuntimeFlagDowngradesToo() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withMemory(LIMIT_256M)).facts();

    GateReport report = Gates.evaluate(host("rpi4-raspios"), Optional.of(bundle), Set.of("memory-controller"));

    Verdict v = assertVerdict(report, GateIds.MEMORY_CONTROLLER, WARN);
    assertEquals(Optional.of("flag --gate-warn memory-controller"), v.downgradedBy());
  }

  @Test
  void aMisspeltGateAnnotationFailsInsteadOfSilentlyNotDowngrading() throws IOException {
    BundleFacts bundle = bundle().annotation("dev.bramble.gate.memory-controler", "warn").facts();

    GateReport report = judge(host("debian-arm64"), bundle);

    assertVerdict(report, GateIds.ANNOTATIONS, FAIL,
        "annotations[\"dev.bramble.gate.memory-controler\"] = \"warn\": unknown gate id 'memory-controler'",
        "memory-controller");
    assertTrue(report.createError("c2").startsWith("create c2: gate annotations failed: "));
  }

  @Test
  void theAnnotationsGateCannotBeDowngradedByFlagOrAnnotation() throws IOException {
    BrambleException e =
        assertThrows(BrambleException.class, () -> GateDowngrades.fromFlag(List.of("annotations")));
    assertTrue(e.getMessage().startsWith("parse --gate-warn 'annotations': the annotations gate cannot be"
        + " downgraded"), e.getMessage());
    BundleFacts bundle = bundle().annotation("dev.bramble.gate.annotations", "warn")
        .annotation("dev.bramble.page-size", "4k").facts();

    GateReport report = Gates.evaluate(host("debian-arm64"), Optional.of(bundle), Set.of("annotations"));

    assertVerdict(report, GateIds.ANNOTATIONS, FAIL, "the annotations gate cannot be downgraded",
        "expected a page size in bytes");
  }

  @Test
  void anUnknownFlagGateIdListsTheKnownOnes() {
    BrambleException e = assertThrows(BrambleException.class,
        () -> GateDowngrades.fromFlag(List.of("va-bits,pagesize")));

    assertTrue(e.getMessage().contains("unknown gate id 'pagesize'"), e.getMessage());
    assertTrue(e.getMessage().contains("page-size"), e.getMessage());
  }

  @Test
  void aFourKPageDeclarationIsRefusedOnThePi5AndAcceptedOnThePi4() throws IOException {
    BundleFacts bundle = bundle().annotation("dev.bramble.page-size", "4096").facts();

    assertVerdict(judge(host("rpi5-raspios"), bundle), GateIds.PAGE_SIZE, FAIL, "16384 bytes",
        "declares dev.bramble.page-size=4096", "Unsupported system page size", "kernel=kernel8.img");
    assertVerdict(judge(host("rpi4-raspios"), bundle), GateIds.PAGE_SIZE, PASS, "which this host meets");
  }

  @Test
  void aFortyEightBitDeclarationSortsTheNodes() throws IOException {
    BundleFacts envoy = bundle().annotation("dev.bramble.min-va-bits", "48").facts();

    assertVerdict(judge(host("rpi4-raspios"), envoy), GateIds.VA_BITS, FAIL, "39 bits",
        "declares dev.bramble.min-va-bits=48", "TCMalloc", "Ubuntu for Raspberry Pi");
    assertVerdict(judge(host("rpi5-raspios"), envoy), GateIds.VA_BITS, FAIL, "47 bits");
    assertVerdict(judge(host("ubuntu-raspi"), envoy), GateIds.VA_BITS, PASS, "48 bits");
    assertVerdict(judge(host("x86_64-debian"), envoy), GateIds.VA_BITS, PASS, "48-bit addresses");
  }

  @Test
  void withABundleThatDeclaresNothingTheHostOnlyWarningsBecomePasses() throws IOException {
    BundleFacts plain = bundle().facts();

    GateReport report = judge(host("rpi5-raspios"), plain);

    assertVerdict(report, GateIds.PAGE_SIZE, PASS, "entrypoint-alignment");
    assertVerdict(report, GateIds.VA_BITS, PASS, "declares no dev.bramble.min-va-bits");
  }

  @Test
  void malformedDeclarationsNameTheAnnotation() throws IOException {
    BundleFacts bundle = bundle().annotation("dev.bramble.min-va-bits", "forty-eight").facts();

    assertVerdict(judge(host("debian-arm64"), bundle), GateIds.ANNOTATIONS, FAIL,
        "annotations[\"dev.bramble.min-va-bits\"] = \"forty-eight\": expected a number of bits");
  }

  @Test
  void aNewUserNamespaceNeedsUserNamespacesAllowed() throws IOException {
    BundleFacts wantsUserns = bundle().userNamespace().facts();

    assertVerdict(judge(host("userns-off"), wantsUserns), GateIds.USER_NAMESPACES, FAIL,
        "max_user_namespaces 0", "linux.namespaces[", "asks for a new user namespace",
        "user.max_user_namespaces=15000", "remove the user namespace");
    assertVerdict(judge(host("debian-arm64"), wantsUserns), GateIds.USER_NAMESPACES, PASS);
  }

  @Test
  void joiningAnExistingUserNamespaceNeedsNoNewOne() throws IOException {
    BundleFacts joins = bundle().namespace("user", "/proc/1/ns/user").facts();

    assertVerdict(judge(host("userns-off"), joins), GateIds.USER_NAMESPACES, PASS, "asks for no new user namespace");
  }

  @Test
  void aNamespaceTheKernelLacksIsRefused() throws IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir.resolve("hosts"));
    Files.delete(fixture.root().resolve("proc/self/ns/time"));
    HostFacts noTimeNs = fixture.facts();
    BundleFacts bundle = bundle().namespace("time", null).facts();

    assertVerdict(judge(noTimeNs, bundle), GateIds.NAMESPACES, FAIL, "type time", "CONFIG_TIME_NS");
  }

  @Test
  void cpuPinningNeedsTheCpusetController() throws IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir.resolve("hosts"));
    Files.writeString(fixture.root().resolve("sys/fs/cgroup/cgroup.controllers"), "cpu io memory pids\n");
    LinuxCpu pinned = new LinuxCpu(1024L, 50000L, null, 100000L, null, null, "0-1", null, null);
    BundleFacts bundle = bundle().resources(r -> r.withCpu(pinned)).facts();

    GateReport report = judge(fixture.facts(), bundle);

    assertVerdict(report, GateIds.CPU_CONTROLLER, FAIL, "cpuset controller absent", "linux.resources.cpu.cpus=0-1",
        "CONFIG_CPUSETS");
  }

  @Test
  void aPidsLimitNeedsThePidsController() throws IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir.resolve("hosts"));
    Files.writeString(fixture.root().resolve("proc/cmdline"), "root=/dev/vda2 cgroup_disable=pids\n");
    Files.writeString(fixture.root().resolve("sys/fs/cgroup/cgroup.controllers"), "cpuset cpu io memory\n");
    BundleFacts bundle = bundle().resources(r -> r.withPids(new LinuxPids(100L))).facts();

    assertVerdict(judge(fixture.facts(), bundle), GateIds.PIDS_CONTROLLER, FAIL, "linux.resources.pids.limit=100",
        "cgroup_disable=pids", "GRUB_CMDLINE_LINUX");
  }

  @Test
  void aSeccompProfileIsNamedInTheLibseccompVerdict() throws IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir.resolve("hosts"));
    Files.delete(fixture.root().resolve("usr/lib/aarch64-linux-gnu/libseccomp.so.2.5.4"));
    BundleFacts bundle = bundle().facts();

    assertVerdict(judge(fixture.facts(), bundle), GateIds.LIBSECCOMP, FAIL, "libseccomp.so.2 not found",
        "apt-get install libseccomp2");
  }

  @Test
  void aBundleWithoutProcessGetsNoEntrypointVerdicts() throws IOException {
    BundleFacts bundle = bundle().withoutProcess().facts();

    GateReport report = judge(host("debian-arm64"), bundle);

    assertNoVerdict(report, GateIds.ENTRYPOINT_EXISTS);
    assertNoVerdict(report, GateIds.ENTRYPOINT_ARCH);
    assertVerdict(report, GateIds.ANNOTATIONS, PASS, "no dev.bramble.* declarations");
  }

  @Test
  void severalFailuresAreAllNamedInTheErrorLine() throws IOException {
    BundleFacts bundle = bundle().resources(r -> r.withMemory(LIMIT_256M))
        .annotation("dev.bramble.min-va-bits", "48").facts();

    GateReport report = judge(host("rpi4-raspios"), bundle);

    String error = report.createError("web");
    assertTrue(error.startsWith("create web: gate va-bits failed: 39 bits"), error);
    assertTrue(error.contains("(also failed: memory-controller, entrypoint-exists;"), error);
  }
}
