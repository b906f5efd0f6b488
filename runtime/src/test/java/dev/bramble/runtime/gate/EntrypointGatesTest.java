package dev.bramble.runtime.gate;

import static dev.bramble.runtime.gate.GateStatus.FAIL;
import static dev.bramble.runtime.gate.GateStatus.PASS;
import static dev.bramble.runtime.gate.GateStatus.WARN;
import static dev.bramble.runtime.gate.VerdictAssertions.assertNoVerdict;
import static dev.bramble.runtime.gate.VerdictAssertions.assertVerdict;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.elf.ForeignBusybox;
import dev.bramble.runtime.elf.TestElf;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entrypoint gates on real binaries (the host's busybox, a downloaded foreign one) and written ELF headers. */
class EntrypointGatesTest {
  static final int EM_386 = 3;
  static final int EM_ARM = 40;
  static final int EM_X86_64 = 62;
  static final int EM_AARCH64 = 183;

  @TempDir Path dir;

  private HostFacts host(String fixture) {
    return HostFixture.install(fixture, dir.resolve("hosts")).facts();
  }

  /** The captured host with the same architecture as this machine, so its busybox is native there. */
  private static String nativeFixture() {
    return Arch.host() == Arch.X86_64 ? "x86_64-debian" : "debian-arm64";
  }

  private TestBundle bundle() throws IOException {
    return new TestBundle(dir.resolve("bundle"));
  }

  private static GateReport judge(HostFacts host, BundleFacts bundle) {
    return Gates.evaluate(host, Optional.of(bundle), GateDowngrades.NONE);
  }

  @Test
  void theHostsBusyboxPassesEveryEntrypointGateOnItsOwnArchitecture() throws IOException {
    BundleFacts bundle = bundle().withHostBusybox().facts();

    GateReport report = judge(host(nativeFixture()), bundle);

    assertVerdict(report, GateIds.ENTRYPOINT_EXISTS, PASS, "sh → /bin/busybox", "statically linked");
    assertVerdict(report, GateIds.ENTRYPOINT_ARCH, PASS, "/bin/busybox is " + Arch.host().debianName(),
        "native");
    assertVerdict(report, GateIds.ENTRYPOINT_COMPAT32, PASS, "64-bit");
    assertVerdict(report, GateIds.ENTRYPOINT_ALIGNMENT, PASS, "page size 4096");
    assertTrue(!report.failed(), report.failures().toString());
  }

  @Test
  void aForeignImageSaysWhichArchitecturesInsteadOfExecFormatError() throws Exception {
    String foreign = ForeignBusybox.foreignDebianArch();
    Path busybox = ForeignBusybox.fetch(foreign, dir.resolve("download"));
    BundleFacts bundle = bundle().withBusybox(busybox).facts();
    Arch foreignArch = Arch.fromDebian(foreign).orElseThrow();

    GateReport report = judge(host(nativeFixture()), bundle);

    Verdict v = assertVerdict(report, GateIds.ENTRYPOINT_ARCH, FAIL,
        "/bin/busybox is " + foreignArch.debianName() + " (" + foreignArch.unameName() + ")",
        "node is " + Arch.host().debianName() + " (" + Arch.host().unameName() + ")",
        "exec format error", "linux/" + Arch.host().debianName(), "kubernetes.io/arch");
    assertNoVerdict(report, GateIds.ENTRYPOINT_COMPAT32);
    assertTrue(report.createError("c1").startsWith("create c1: gate entrypoint-arch failed: /bin/busybox is "),
        report.createError("c1"));
    assertTrue(v.source().contains("/bin/busybox ELF header"), v.source());
  }

  @Test
  void theArm64BusyboxRunsOnThePi5SixteenKPages() throws Exception {
    Path busybox = ForeignBusybox.fetch("arm64", dir.resolve("download"));
    BundleFacts bundle = bundle().withBusybox(busybox).facts();

    GateReport report = judge(host("rpi5-raspios"), bundle);

    assertVerdict(report, GateIds.ENTRYPOINT_ARCH, PASS, "arm64 (aarch64), node is arm64 (aarch64)");
    assertVerdict(report, GateIds.ENTRYPOINT_ALIGNMENT, PASS, "PT_LOAD alignment 0x10000, page size 16384");
  }

  @Test
  void aProgramLinkedForFourKPagesFailsOnSixteenKWhenItsSegmentsDoNotMap() throws IOException {
    TestElf.native64(EM_AARCH64).load(0, 0x400000, 0x1000).load(0x1f000, 0x420000, 0x1000)
        .writeTo(dir.resolve("bundle/rootfs/app/server"));
    BundleFacts bundle = bundle().args("/app/server").facts();

    assertVerdict(judge(host("rpi5-raspios"), bundle), GateIds.ENTRYPOINT_ALIGNMENT, FAIL,
        "/app/server PT_LOAD #1 (offset 0x1f000, vaddr 0x420000, align 0x1000); page size 16384",
        "execve would fail", "-z max-page-size=65536", "kernel=kernel8.img");
    assertVerdict(judge(host("rpi4-raspios"), bundle), GateIds.ENTRYPOINT_ALIGNMENT, PASS, "page size 4096");
  }

  @Test
  void fourKAlignedSegmentsThatStillMapOnlyWarn() throws IOException {
    TestElf.native64(EM_AARCH64).load(0, 0x400000, 0x1000).load(0x1000, 0x401000, 0x1000)
        .writeTo(dir.resolve("bundle/rootfs/app/server"));
    BundleFacts bundle = bundle().args("/app/server").facts();

    assertVerdict(judge(host("rpi5-raspios"), bundle), GateIds.ENTRYPOINT_ALIGNMENT, WARN,
        "PT_LOAD #0", "share pages");
  }

  @Test
  void thirtyTwoBitArmIsRefusedNamingTheKernelObstacleFirstThenTheSandboxAbi() throws IOException {
    TestElf.of(false, true, EM_ARM).load(0, 0x10000, 0x10000).writeTo(dir.resolve("bundle/rootfs/bin/app"));
    BundleFacts bundle = bundle().args("/bin/app").facts();

    assertVerdict(judge(host("rpi5-raspios"), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL,
        "armhf/armel (32-bit arm) on a 16K-page kernel", "compat", "arm64", "kernel=kernel8.img");
    // the kernel could run it (4K pages, CONFIG_COMPAT), but the sandbox filter kills the AArch32 ABI
    assertVerdict(judge(host("rpi4-raspios"), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL, "64-bit syscall ABI",
        "linux/arm64");
    assertVerdict(judge(host("rpi4-raspios"), bundle), GateIds.ENTRYPOINT_ARCH, PASS, "32-bit");
    assertVerdict(judge(host("no-kernel-config"), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL,
        "64-bit syscall ABI");
  }

  @Test
  void thirtyTwoBitArmNeedsCompatInTheKernel() throws IOException {
    HostFixture fixture = HostFixture.install("debian-arm64", dir.resolve("hosts"));
    Path config = fixture.root().resolve("boot/config-6.1.0-18-arm64");
    Files.writeString(config, Files.readString(config).replace("CONFIG_COMPAT=y", "# CONFIG_COMPAT is not set"));
    TestElf.of(false, true, EM_ARM).load(0, 0x10000, 0x1000).writeTo(dir.resolve("bundle/rootfs/bin/app"));
    BundleFacts bundle = bundle().args("/bin/app").facts();

    assertVerdict(judge(fixture.facts(), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL,
        "kernel built without CONFIG_COMPAT", "CONFIG_COMPAT=y");
  }

  @Test
  void i386OnX86NeedsIa32Emulation() throws IOException {
    TestElf.of(false, true, EM_386).load(0, 0x8048000, 0x1000).writeTo(dir.resolve("bundle/rootfs/bin/app"));
    BundleFacts bundle = bundle().args("/bin/app").facts();
    HostFixture fixture = HostFixture.install("x86_64-debian", dir.resolve("hosts"));

    assertVerdict(judge(fixture.facts(), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL, "64-bit syscall ABI",
        "linux/amd64");

    Files.writeString(fixture.root().resolve("proc/cmdline"), "root=/dev/sda1 ia32_emulation=false\n");
    assertVerdict(judge(fixture.facts(), bundle), GateIds.ENTRYPOINT_COMPAT32, FAIL,
        "ia32_emulation=false on the kernel command line", "amd64");
  }

  @Test
  void x32BinariesAreNotTheNativeAbi() throws IOException {
    TestElf.of(false, true, EM_X86_64).load(0, 0x400000, 0x1000).writeTo(dir.resolve("bundle/rootfs/bin/app"));
    BundleFacts bundle = bundle().args("/bin/app").facts();

    assertVerdict(judge(host("x86_64-debian"), bundle), GateIds.ENTRYPOINT_ARCH, FAIL, "x32");
  }

  @Test
  void aMissingEntrypointFailsAndSkipsTheElfGates() throws IOException {
    BundleFacts bundle = bundle().args("nginx", "-g", "daemon off;").facts();

    GateReport report = judge(host("debian-arm64"), bundle);

    assertVerdict(report, GateIds.ENTRYPOINT_EXISTS, FAIL, "'nginx' was not found in the rootfs along PATH=",
        "process.args[0]", "process.env PATH");
    assertNoVerdict(report, GateIds.ENTRYPOINT_ARCH);
    assertNoVerdict(report, GateIds.ENTRYPOINT_ALIGNMENT);
  }

  @Test
  void aMissingDynamicLoaderFailsEvenThoughTheProgramExists() throws IOException {
    TestElf.native64(EM_AARCH64).interpreter("/lib/ld-musl-aarch64.so.1").load(0, 0x400000, 0x10000)
        .writeTo(dir.resolve("bundle/rootfs/app/server"));
    BundleFacts bundle = bundle().args("/app/server").facts();

    GateReport report = judge(host("debian-arm64"), bundle);

    assertVerdict(report, GateIds.ENTRYPOINT_EXISTS, FAIL, "/lib/ld-musl-aarch64.so.1 (PT_INTERP)");
    assertVerdict(report, GateIds.ENTRYPOINT_ARCH, PASS, "native");
  }

  @Test
  void aLoaderOfAnotherArchitectureIsCaught() throws IOException {
    TestElf.native64(EM_AARCH64).interpreter("/lib/ld.so").load(0, 0x400000, 0x10000)
        .writeTo(dir.resolve("bundle/rootfs/app/server"));
    TestElf.native64(EM_X86_64).load(0, 0, 0x1000).writeTo(dir.resolve("bundle/rootfs/lib/ld.so"));
    BundleFacts bundle = bundle().args("/app/server").facts();

    assertVerdict(judge(host("debian-arm64"), bundle), GateIds.ENTRYPOINT_ARCH, FAIL,
        "but its loader /lib/ld.so is amd64 (x86_64)");
  }

  @Test
  void aSymlinkOutOfTheRootfsIsResolvedInsideIt() throws IOException {
    // /bin/sh -> /../../../../bin/busybox must not reach the host's busybox
    Files.createDirectories(dir.resolve("bundle/rootfs/bin"));
    Files.createSymbolicLink(dir.resolve("bundle/rootfs/bin/sh"), Path.of("/../../../../bin/busybox"));
    BundleFacts bundle = bundle().args("/bin/sh").facts();

    assertVerdict(judge(host("debian-arm64"), bundle), GateIds.ENTRYPOINT_EXISTS, FAIL,
        "process.args[0] /bin/busybox: no such file or directory in the rootfs");
  }
}
