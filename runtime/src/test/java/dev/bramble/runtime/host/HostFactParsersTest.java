package dev.bramble.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parsers behind the host facts, on inline inputs. */
class HostFactParsersTest {
  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void kernelVersionParsesDistributionReleases() {
    assertEquals(new KernelVersion(6, 12, 34), KernelVersion.parse("6.12.34+rpt-rpi-2712").orElseThrow());
    assertEquals(new KernelVersion(5, 2, 0), KernelVersion.parse("5.2.0-3-arm64").orElseThrow());
    assertEquals(new KernelVersion(6, 8, 0), KernelVersion.parse("6.8.0-1010-raspi").orElseThrow());
    assertEquals(new KernelVersion(6, 1, 0), KernelVersion.parse("6.1").orElseThrow());
    assertEquals(Optional.empty(), KernelVersion.parse("unknown"));
    assertTrue(KernelVersion.parse("5.10.0").orElseThrow().atLeast(KernelVersion.of(5, 9)));
    assertFalse(KernelVersion.parse("5.2.21").orElseThrow().atLeast(KernelVersion.of(5, 3)));
  }

  @Test
  void theLaterCgroupSwitchOnTheCommandLineWins() {
    KernelCommandLine disabledThenEnabled = new KernelCommandLine(
        List.of("cgroup_disable=memory", "quiet", "cgroup_enable=memory"), "/proc/cmdline");
    KernelCommandLine enabledThenDisabled = new KernelCommandLine(
        List.of("cgroup_enable=memory", "cgroup_disable=memory,pids"), "/proc/cmdline");

    assertFalse(disabledThenEnabled.disablesCgroup("memory"));
    assertTrue(enabledThenDisabled.disablesCgroup("memory"));
    assertTrue(enabledThenDisabled.disablesCgroup("pids"));
    assertFalse(enabledThenDisabled.disablesCgroup("cpu"));
    assertEquals(Optional.of("cgroup_disable=memory"), enabledThenDisabled.lastCgroupSwitch("memory"));
  }

  @Test
  void kernelConfigKeepsSetOptionsAndDerivesTheCompiledVaSize() {
    var values = KernelConfig.parse("""
        CONFIG_ARM64_16K_PAGES=y
        # CONFIG_ARM64_4K_PAGES is not set
        CONFIG_ARM64_VA_BITS=47
        CONFIG_LOCALVERSION="-v8-16k"
        """);
    KernelConfig config = new KernelConfig(values, "/boot/config-x", true);

    assertEquals(Optional.of(47), config.compiledVaBits().map(Sourced::value));
    assertEquals(Optional.of(16384L), config.arm64PageSize());
    assertEquals(Optional.of(false), config.enabled("CONFIG_ARM64_4K_PAGES"));
    assertEquals(Optional.of("\"-v8-16k\""), config.value("CONFIG_LOCALVERSION"));
    assertEquals(Optional.empty(), new KernelConfig(values, "none", false).enabled("CONFIG_ARM64_16K_PAGES"));
  }

  @Test
  void x86FourLevelConfigMeansFortySevenBits() {
    KernelConfig config =
        new KernelConfig(KernelConfig.parse("CONFIG_X86_64=y\nCONFIG_PGTABLE_LEVELS=4\n"), "/boot/config", true);

    assertEquals(Optional.of(47), config.compiledVaBits().map(Sourced::value));
  }

  @Test
  void hybridCgroupsTakeControllersFromTheV1Hierarchies() throws IOException {
    write("proc/self/mounts", """
        tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
        cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
        cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
        cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
        cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
        cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
        """);
    write("sys/fs/cgroup/unified/cgroup.controllers", "\n");

    CgroupFacts facts = CgroupFacts.read(new HostFiles(root));

    assertEquals(CgroupFacts.Mode.HYBRID, facts.mode());
    assertEquals(List.of("cpu", "memory", "pids"), facts.names());
    assertEquals("cgroup v1 hierarchy /sys/fs/cgroup/memory (/proc/self/mounts)", facts.controllers().get("memory"));
    assertEquals(Optional.of("/sys/fs/cgroup/unified"), facts.unifiedMount());
  }

  @Test
  void cgroupV1WithoutAMemoryHierarchyLacksTheController() throws IOException {
    write("proc/self/mounts", """
        cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0
        cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,pids 0 0
        """);

    CgroupFacts facts = CgroupFacts.read(new HostFiles(root));

    assertEquals(CgroupFacts.Mode.V1, facts.mode());
    assertFalse(facts.has("memory"));
    assertTrue(facts.has("cpuacct"));
  }

  @Test
  void cgroupControllersAreNeverTakenFromProcCgroups() throws IOException {
    write("proc/self/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n");
    write("sys/fs/cgroup/cgroup.controllers", "cpu pids\n");
    write("proc/cgroups", "#subsys_name\thierarchy\tnum_cgroups\tenabled\nmemory\t0\t1\t1\n");

    CgroupFacts facts = CgroupFacts.read(new HostFiles(root));

    assertFalse(facts.has("memory"));
    assertEquals(List.of("cpu", "pids"), facts.names());
  }

  @Test
  void auxvIsReadUntilAtNull() {
    byte[] auxv = HostFixture.auxv(List.of("AT_HWCAP=0x887", "AT_NULL=0", "AT_PAGESZ=4096"));

    assertEquals(Optional.of(0x887L), Auxv.value(auxv, 16));
    assertEquals(Optional.empty(), Auxv.value(auxv, Auxv.AT_PAGESZ), "entries after AT_NULL are not part of it");
  }

  @Test
  void anImplausiblePageSizeIsRejected() throws IOException {
    Path file = root.resolve("proc/self/auxv");
    Files.createDirectories(file.getParent());
    Files.write(file, HostFixture.auxv(List.of("AT_PAGESZ=12288", "AT_NULL=0")));

    assertEquals(Optional.empty(), Auxv.pageSize(new HostFiles(root)));
  }

  @Test
  void libseccompPicksTheNewestVersionedFile() throws IOException {
    write("usr/lib/x86_64-linux-gnu/libseccomp.so.2.4.1", "");
    write("usr/lib/x86_64-linux-gnu/libseccomp.so.2.5.10", "");
    write("usr/lib/x86_64-linux-gnu/libseccomp.so.2.5.4", "");

    LibseccompFacts facts = LibseccompFacts.read(new HostFiles(root), "x86_64");

    assertEquals(Optional.of("2.5.10"), facts.version());
    assertTrue(facts.atLeast(2, 4));
  }

  @Test
  void libseccompVersionComesFromTheSonameLinkTarget() throws IOException {
    Path dir = root.resolve("lib/aarch64-linux-gnu");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("libseccomp.so.2"), Path.of("../../opt/libseccomp.so.2.3.3"));

    LibseccompFacts facts = LibseccompFacts.read(new HostFiles(root), "aarch64");

    assertEquals(Optional.of("/lib/aarch64-linux-gnu/libseccomp.so.2"), facts.path());
    assertEquals(Optional.of("2.3.3"), facts.version());
    assertFalse(facts.atLeast(2, 4));
  }

  @Test
  void theSonameLinkTheLoaderOpensWinsOverNewerFilesBesideIt() throws IOException {
    write("lib/x86_64-linux-gnu/libseccomp.so.2.5.4", "");
    write("lib/x86_64-linux-gnu/libseccomp.so.2.6.0", "");
    Files.createSymbolicLink(root.resolve("lib/x86_64-linux-gnu/libseccomp.so.2"), Path.of("libseccomp.so.2.5.4"));

    LibseccompFacts facts = LibseccompFacts.read(new HostFiles(root), "x86_64");

    assertEquals(Optional.of("/lib/x86_64-linux-gnu/libseccomp.so.2"), facts.path());
    assertEquals(Optional.of("2.5.4"), facts.version());
  }

  @Test
  void missingLibseccompNamesTheSearchedDirectories() {
    LibseccompFacts facts = LibseccompFacts.read(new HostFiles(root), "aarch64");

    assertEquals(Optional.empty(), facts.path());
    assertTrue(facts.source().contains("/usr/lib/aarch64-linux-gnu"), facts.source());
  }

  @Test
  void yamaWithAnUnreadableValueIsTreatedAsTheStrictest() throws IOException {
    write("proc/sys/kernel/yama/ptrace_scope", "garbage\n");

    YamaFacts yama = YamaFacts.read(new HostFiles(root));

    assertEquals(3, yama.scope().getAsInt());
    assertTrue(yama.source().contains("treated as 3"));
  }
}
