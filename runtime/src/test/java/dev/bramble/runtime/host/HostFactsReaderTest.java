package dev.bramble.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsReaderTest {
  @TempDir Path dir;

  @Test
  void raspberryPi5FactsComeWithTheirSources() {
    HostFacts facts = HostFixture.install("rpi5-raspios", dir).facts();

    assertEquals(Optional.of(Arch.AARCH64), facts.arch());
    assertEquals("6.12.47+rpt-rpi-2712", facts.kernelRelease().value());
    assertEquals(Sourced.of(16384L, "/proc/self/auxv AT_PAGESZ"), facts.pageSize().orElseThrow());
    assertEquals(1L << 47, facts.taskSize());
    assertEquals(OptionalInt.of(47), facts.vaBits());
    assertEquals("/boot/config-6.12.47+rpt-rpi-2712", facts.kernelConfig().source());
    assertEquals(Optional.of(16384L), facts.kernelConfig().arm64PageSize());
    assertEquals("Raspberry Pi 5 Model B Rev 1.0", facts.boardModel().orElseThrow().value());
    assertTrue(facts.isRaspberryPi());
    assertEquals(CgroupFacts.Mode.V2, facts.cgroups().mode());
    assertTrue(facts.cgroups().has("memory"));
    assertEquals("/sys/fs/cgroup/cgroup.controllers", facts.cgroups().controllers().get("memory"));
    assertFalse(facts.commandLine().disablesCgroup("memory"), "cgroup_enable=memory comes last");
    assertTrue(facts.overlay().registered());
    assertEquals(Optional.of("2.5.4"), facts.libseccomp().version());
    assertEquals(OptionalInt.empty(), facts.yama().scope());
    assertTrue(facts.yama().source().contains("absent"));
    assertTrue(facts.seccomp().hasTrace());
    assertTrue(facts.seccomp().statusField());
  }

  @Test
  void raspberryPi4HasTheMemoryControllerDisabledByTheFirmwareCommandLine() {
    HostFacts facts = HostFixture.install("rpi4-raspios", dir).facts();

    assertEquals(4096L, facts.pageSizeBytes());
    assertEquals(39, facts.vaBits().getAsInt());
    assertFalse(facts.cgroups().has("memory"));
    assertTrue(facts.commandLine().disablesCgroup("memory"));
    assertFalse(facts.overlay().registered());
    assertEquals(Optional.of("/lib/modules/6.12.34+rpt-rpi-v8/kernel/fs/overlayfs/overlay.ko.xz"),
        facts.overlay().module());
  }

  @Test
  void x86KernelConfigIsReadFromProcConfigGzAndOnlyExplains() {
    HostFacts facts = HostFixture.install("x86_64-debian", dir).facts();

    assertEquals("/proc/config.gz", facts.kernelConfig().source());
    assertEquals(56, facts.kernelConfig().compiledVaBits().orElseThrow().value());
    assertEquals(47, facts.vaBits().getAsInt(), "the probe, not the config, decides");
    assertEquals(0x7ffffffff000L, facts.taskSize());
    assertEquals(Optional.of(false), facts.cpuLa57());
    assertEquals(OptionalInt.of(0), facts.yama().scope());
  }

  @Test
  void la57HostMeasuresFiftySixBits() {
    HostFacts facts = HostFixture.install("x86_64-la57", dir).facts();

    assertEquals(Optional.of(true), facts.cpuLa57());
    assertEquals(56, facts.vaBits().getAsInt());
    assertEquals(0xfffffffffff000L, facts.taskSize());
  }

  @Test
  void missingKernelConfigIsAFactWithTheSearchedPlaces() {
    HostFacts facts = HostFixture.install("no-kernel-config", dir).facts();

    assertFalse(facts.kernelConfig().found());
    assertTrue(facts.kernelConfig().source().contains("/proc/config.gz"));
    assertTrue(facts.kernelConfig().source().contains("/boot/config-6.12.34+rpt-rpi-v8"));
    assertEquals(Optional.empty(), facts.kernelConfig().enabled("CONFIG_COMPAT"));
  }

  @Test
  void withoutAProbeTheAddressSpaceIsUnmeasuredAndTaskSizeRefuses() {
    HostFixture fixture = HostFixture.install("debian-arm64", dir);

    HostFacts facts = new HostFactsReader(fixture.root(), Optional.empty()).read();

    assertEquals(Optional.empty(), facts.addressSpace());
    IllegalStateException e = assertThrows(IllegalStateException.class, facts::taskSize);
    assertTrue(e.getMessage().contains("no address-space probe"), e.getMessage());
  }

  @Test
  void ubuntuRaspiReportsTheAppArmorRestrictionAndYamaOne() {
    HostFacts facts = HostFixture.install("ubuntu-raspi", dir).facts();

    assertEquals(Optional.of(1), facts.namespaces().apparmorRestrictUnprivileged());
    assertEquals(OptionalInt.of(1), facts.yama().scope());
    assertEquals(48, facts.vaBits().getAsInt());
    assertTrue(facts.capabilities().has(Capabilities.CAP_SYS_ADMIN));
    assertTrue(facts.isRaspberryPi());
  }

  @Test
  void procFilesAreReadWhole() {
    // procfs reports size 0; Files.readString then returns only the first byte ("9" for "96364")
    Optional<String> status = new HostFiles(Path.of("/")).read("/proc/self/status");

    assertTrue(status.orElseThrow().contains("CapEff:"), status.get());
  }

  @Test
  void describeListsTheFactsWithSources() {
    HostFacts facts = HostFixture.install("rpi4-raspios", dir).facts();

    var lines = facts.describe();

    assertEquals("arch", lines.get(0).name());
    assertTrue(lines.stream().anyMatch(l -> l.name().equals("page size") && l.value().equals("4096")
        && l.source().equals("/proc/self/auxv AT_PAGESZ")));
    assertTrue(lines.stream().anyMatch(l -> l.name().equals("user VA") && l.value().startsWith("39 bits")
        && l.source().startsWith("mmap probe")));
  }
}
