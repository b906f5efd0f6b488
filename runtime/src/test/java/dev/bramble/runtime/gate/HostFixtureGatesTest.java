package dev.bramble.runtime.gate;

import static dev.bramble.runtime.gate.GateStatus.FAIL;
import static dev.bramble.runtime.gate.GateStatus.PASS;
import static dev.bramble.runtime.gate.GateStatus.WARN;
import static dev.bramble.runtime.gate.VerdictAssertions.assertOthersPass;
import static dev.bramble.runtime.gate.VerdictAssertions.assertVerdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.host.FakeAddressSpaceProbe;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFactsReader;
import dev.bramble.runtime.host.HostFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every captured host, judged without a bundle (what {@code bramble check} shows). */
class HostFixtureGatesTest {
  @TempDir Path dir;

  private HostFacts host(String fixture) {
    return HostFixture.install(fixture, dir).facts();
  }

  @Test
  void raspberryPiOsOnPi4() {
    HostFacts host = host("rpi4-raspios");
    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.VA_BITS, WARN, "39 bits (TASK_SIZE 0x8000000000)", "TCMalloc",
        "dev.bramble.min-va-bits=48", "Ubuntu for Raspberry Pi", "48-bit VA", "CONFIG_ARM64_VA_BITS_48");
    assertVerdict(report, GateIds.MEMORY_CONTROLLER, WARN, "memory controller absent",
        "cgroup_disable=memory", "/proc/cmdline", "append cgroup_enable=memory", "/boot/firmware/cmdline.txt",
        "reboot");
    assertVerdict(report, GateIds.OVERLAYFS, WARN, "modprobe overlay", "overlay.ko.xz");
    assertVerdict(report, GateIds.PTRACE_SCOPE, PASS, "no Yama");
    assertVerdict(report, GateIds.PAGE_SIZE, PASS, "4096 bytes", "/proc/self/auxv AT_PAGESZ");
    assertOthersPass(report, GateIds.VA_BITS, GateIds.MEMORY_CONTROLLER, GateIds.OVERLAYFS);
    assertFalse(report.failed());
    assertEquals(Map.of(
            "bramble.dev/arch", "arm64",
            "bramble.dev/page-size", "4096",
            "bramble.dev/va-bits", "39",
            "bramble.dev/memory-cgroup", "false",
            "bramble.dev/sandbox", "ready"),
        NodeLabels.of(host, report));
  }

  @Test
  void raspberryPiOsOnPi5Default() {
    HostFacts host = host("rpi5-raspios");
    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.PAGE_SIZE, WARN, "16384 bytes", "jemalloc", "dev.bramble.page-size=4096",
        "kernel=kernel8.img", "/boot/firmware/config.txt", "39 bits");
    assertVerdict(report, GateIds.VA_BITS, WARN, "47 bits (TASK_SIZE 0x800000000000)", "Ubuntu for Raspberry Pi");
    assertVerdict(report, GateIds.MEMORY_CONTROLLER, PASS, "memory present");
    assertOthersPass(report, GateIds.PAGE_SIZE, GateIds.VA_BITS);
    assertEquals("16384", NodeLabels.of(host, report).get("bramble.dev/page-size"));
    assertEquals("47", NodeLabels.of(host, report).get("bramble.dev/va-bits"));
  }

  @Test
  void ubuntuRaspiPassesEverything() {
    GateReport report = Gates.evaluateHost(host("ubuntu-raspi"));

    assertVerdict(report, GateIds.VA_BITS, PASS, "48 bits");
    assertVerdict(report, GateIds.PTRACE_SCOPE, PASS, "ptrace_scope 1", "processes it spawned itself");
    assertVerdict(report, GateIds.USER_NAMESPACES, PASS, "AppArmor restricts unprivileged callers only",
        "CAP_SYS_ADMIN");
    assertOthersPass(report);
  }

  @Test
  void debianArm64PassesEverything() {
    HostFacts host = host("debian-arm64");
    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.VA_BITS, PASS, "48 bits (TASK_SIZE 0x1000000000000)");
    assertVerdict(report, GateIds.KERNEL_VERSION, PASS, "Linux 6.1 (6.1.0-18-arm64)");
    assertOthersPass(report);
    assertEquals("ready", NodeLabels.of(host, report).get("bramble.dev/sandbox"));
  }

  @Test
  void x86WithAFiveLevelKernelOnAFourLevelCpuSaysTheyDisagree() {
    HostFacts host = host("x86_64-debian");
    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.VA_BITS, PASS, "47 bits (TASK_SIZE 0x7ffffffff000; 48-bit addresses)",
        "kernel config says 56 bits (CONFIG_PGTABLE_LEVELS=5, 5-level paging) but the probe measures 47",
        "the CPU has no la57");
    assertOthersPass(report);
    assertEquals("amd64", NodeLabels.of(host, report).get("bramble.dev/arch"));
    assertEquals("48", NodeLabels.of(host, report).get("bramble.dev/va-bits"));
  }

  @Test
  void x86WithLa57MeasuresFiftySixBits() {
    GateReport report = Gates.evaluateHost(host("x86_64-la57"));

    Verdict va = assertVerdict(report, GateIds.VA_BITS, PASS, "56 bits (TASK_SIZE 0xfffffffffff000; 57-bit addresses)");
    assertFalse(va.measured().contains("kernel config says"), va.measured());
    assertOthersPass(report);
  }

  @Test
  void aFiftyTwoBitArm64KernelOnACpuWithoutLvaSaysWhyItGetsFortyEight() throws java.io.IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir);
    Path config = fixture.root().resolve("boot/config-6.1.0-18-arm64");
    java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
        .replace("CONFIG_ARM64_VA_BITS=48", "CONFIG_ARM64_VA_BITS=52"));

    assertVerdict(Gates.evaluateHost(fixture.facts()), GateIds.VA_BITS, PASS,
        "kernel config says 52 bits (CONFIG_ARM64_VA_BITS=52) but the probe measures 48", "LVA/LPA2");
  }

  @Test
  void raspberryPiKernelsAreRecognisedByTheirReleaseWithoutADeviceTree() throws java.io.IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir);
    java.nio.file.Files.writeString(fixture.root().resolve("proc/sys/kernel/osrelease"), "6.1.54-v8_16k+\n");

    assertTrue(fixture.facts().isRaspberryPi());
    assertFalse(HostFixture.install("debian-arm64", dir.resolve("plain")).facts().isRaspberryPi());
  }

  @Test
  void yamaScopeThreeMakesTheSandboxUnavailable() {
    HostFacts host = host("yama3");
    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.PTRACE_SCOPE, FAIL, "ptrace_scope 3 (no attach)",
        "/proc/sys/kernel/yama/ptrace_scope", "even by root", "kernel.yama.ptrace_scope=3", "reboot");
    assertOthersPass(report, GateIds.PTRACE_SCOPE);
    assertTrue(report.failed());
    assertEquals("unavailable", NodeLabels.of(host, report).get("bramble.dev/sandbox"));
  }

  @Test
  void userNamespacesSwitchedOffWarnsForBundlesThatWantOne() {
    GateReport report = Gates.evaluateHost(host("userns-off"));

    assertVerdict(report, GateIds.USER_NAMESPACES, WARN, "max_user_namespaces 0", "will be refused",
        "sysctl -w user.max_user_namespaces=15000");
    assertOthersPass(report, GateIds.USER_NAMESPACES);
    assertFalse(report.failed());
  }

  @Test
  void aKernelWithoutTheTraceActionCannotHostTheSandbox() {
    GateReport report = Gates.evaluateHost(host("no-trace-action"));

    Verdict v = assertVerdict(report, GateIds.SECCOMP_TRACE, FAIL, "actions_avail: kill_process", "SECCOMP_RET_TRACE",
        "'trace' is not among", "CONFIG_SECCOMP_FILTER=y");
    assertFalse(v.measured().contains(" trace "), v.measured());
    assertOthersPass(report, GateIds.SECCOMP_TRACE);
  }

  @Test
  void anArm64Kernel52LacksSysemu() {
    GateReport report = Gates.evaluateHost(host("arm64-kernel-5.2"));

    assertVerdict(report, GateIds.KERNEL_VERSION, FAIL, "Linux 5.2 (5.2.0-3-arm64)",
        "PTRACE_SYSEMU on arm64 (Linux 5.3)", "PTRACE_GET_SYSCALL_INFO (Linux 5.3)", "close_range (Linux 5.9)",
        "boot a Linux 5.9 or newer kernel");
    assertOthersPass(report, GateIds.KERNEL_VERSION);
  }

  @Test
  void withoutAKernelConfigTheProbeAloneDecides() {
    HostFacts host = host("no-kernel-config");
    GateReport report = Gates.evaluateHost(host);

    Verdict va = assertVerdict(report, GateIds.VA_BITS, WARN, "39 bits");
    assertFalse(va.measured().contains("kernel config"), va.measured());
    assertTrue(host.describe().stream().anyMatch(l -> l.name().equals("kernel config")
        && l.value().equals("not available") && l.source().contains("/boot/config-6.12.34+rpt-rpi-v8")));
    assertFalse(report.failed());
  }

  @Test
  void aBlockedProbeFailsClosed() {
    HostFixture fixture = HostFixture.install("debian-arm64", dir);
    HostFacts host = new HostFactsReader(fixture.root(), Optional.of(FakeAddressSpaceProbe.failingWith(1))).read();

    GateReport report = Gates.evaluateHost(host);

    assertVerdict(report, GateIds.VA_BITS, FAIL, "not measured", "errno 1", "private pages", "not filtered");
    assertEquals("unknown", NodeLabels.of(host, report).get("bramble.dev/va-bits"));
    assertEquals("unavailable", NodeLabels.of(host, report).get("bramble.dev/sandbox"));
  }

  @Test
  void aBuildWithoutAProbeFailsClosedAsABug() {
    HostFixture fixture = HostFixture.install("debian-arm64", dir);
    HostFacts host = new HostFactsReader(fixture.root(), Optional.empty()).read();

    assertVerdict(Gates.evaluateHost(host), GateIds.VA_BITS, FAIL, "no address-space probe", "bug");
  }
}
