package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.runtime.error.BrambleException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update's flags and --resources documents, parsed without running anything; runc's value syntaxes. */
class UpdateCommandTest {
  @TempDir Path dir;

  private static UpdateCommand parse(String... args) {
    CommandContext context = new CommandContext(new PrintStream(System.out), System.err, InstantSource.system());
    return new UpdateCommand(context, ArgParser.parse(UpdateCommand.SPEC, List.of(args)));
  }

  @Test
  void flagsBecomeOnlyTheSettingsTheyName() {
    LinuxResources r = parse("--memory", "256m", "--memory-swap", "-1", "--cpu-quota", "50000", "--pids-limit",
        "10", "--cpuset-cpus", "0-1", "--blkio-weight", "300", "c1").fromFlags();
    assertEquals(256L << 20, r.memory().limit());
    assertEquals(-1L, r.memory().swap());
    assertNull(r.memory().reservation());
    assertEquals(50000L, r.cpu().quota());
    assertNull(r.cpu().period(), "left out: keeps its current value");
    assertEquals("0-1", r.cpu().cpus());
    assertEquals(10L, r.pids().limit());
    assertEquals(300, r.blockIO().weight());
  }

  @Test
  void aResourcesDocumentIsTypeChecked() throws Exception {
    Path file = dir.resolve("r.json");
    Files.writeString(file, "{\"memory\": {\"limit\": 1048576}, \"pids\": {\"limit\": 5}}");
    LinuxResources r = parse("--resources", file.toString(), "c1").fromJson();
    assertEquals(1048576L, r.memory().limit());
    assertEquals(5L, r.pids().limit());

    Files.writeString(file, "{\"memory\": {\"limit\": \"lots\"}}");
    BrambleException e = assertThrows(BrambleException.class,
        () -> parse("--resources", file.toString(), "c1").fromJson());
    assertTrue(e.getMessage().contains("memory.limit"), e.getMessage());
  }

  @Test
  void flagsAndADocumentTogetherOrNeitherAreRefused() {
    assertThrows(BrambleException.class, () -> parse("--resources", "-", "--memory", "1m", "c1").fromJson());
    BrambleException none = assertThrows(BrambleException.class, () -> parse("c1").fromFlags());
    assertTrue(none.getMessage().contains("nothing to change"), none.getMessage());
    BrambleException bad = assertThrows(BrambleException.class, () -> parse("--memory", "lots", "c1").fromFlags());
    assertTrue(bad.getMessage().contains("invalid value for --memory"), bad.getMessage());
  }

  @Test
  void sizesAndDurationsReadAsRuncReadsThem() {
    assertEquals(512L << 20, Units.memory("--memory", "512m"));
    assertEquals((long) (1.5 * (1L << 30)), Units.memory("--memory", "1.5g"));
    assertEquals(1024L, Units.memory("--memory", "1024"));
    assertEquals(1L << 30, Units.memory("--memory", "1GiB"));
    assertEquals(-1L, Units.memory("--memory", "-1"));
    assertEquals(Duration.ofSeconds(5), Units.duration("--interval", "5s"));
    assertEquals(Duration.ofMillis(1500), Units.duration("--interval", "1s500ms"));
    assertEquals(Duration.ofMinutes(2), Units.duration("--interval", "2m"));
    assertThrows(IllegalArgumentException.class, () -> Units.duration("--interval", "5"));
    assertThrows(IllegalArgumentException.class, () -> Units.duration("--interval", "5s garbage"));
  }

  @Test
  void everyRuncUpdateFlagParsesIntoItsSetting() {
    UpdateCommand u = parse("--blkio-weight", "500", "--cpu-period", "100000", "--cpu-quota", "-1", "--cpu-burst",
        "10", "--cpu-share", "512", "--cpu-rt-period", "1000", "--cpu-rt-runtime", "500", "--cpuset-cpus", "0-3,5",
        "--cpuset-mems", "0", "--memory", "1g", "--memory-reservation", "512m", "--memory-swap", "2g",
        "--kernel-memory", "0", "--kernel-memory-tcp", "0", "--pids-limit", "-1", "--l3-cache-schema", "L3:0=f",
        "--mem-bw-schema", "MB:0=70", "c1");
    assertEquals(500, u.blkioWeight);
    assertEquals("0-3,5", u.cpusetCpus);
    assertEquals(-1L, u.pidsLimit);
    assertEquals("L3:0=f", u.l3CacheSchema);
    assertEquals("MB:0=70", u.memBwSchema);
    assertEquals("c1", u.id);
    LinuxResources r = parse("--cpu-period", "100000", "--cpu-quota", "-1", "--cpu-burst", "10", "--cpu-share",
        "512", "--cpu-rt-period", "1000", "--cpu-rt-runtime", "500", "--cpuset-mems", "0", "--memory-reservation",
        "512m", "c1").fromFlags();
    assertEquals(100000L, r.cpu().period());
    assertEquals(-1L, r.cpu().quota());
    assertEquals(10L, r.cpu().burst());
    assertEquals(512L, r.cpu().shares());
    assertEquals(1000L, r.cpu().realtimePeriod());
    assertEquals(500L, r.cpu().realtimeRuntime());
    assertEquals("0", r.cpu().mems());
    assertEquals(512L << 20, r.memory().reservation());
  }

  @Test
  void aNumberFlagWithoutANumberIsAUsageErrorNamingIt() {
    UsageException e = assertThrows(UsageException.class, () -> parse("--pids-limit", "many", "c1"));
    assertEquals("invalid value \"many\" for flag -pids-limit: expected an integer", e.getMessage());
    assertThrows(UsageException.class, () -> parse("--blkio-weight", "99999999999", "c1"));
  }

  @Test
  void intelRdtAndKernelMemoryAreRefusedBeforeAnythingChanges() {
    BrambleException rdt = assertThrows(BrambleException.class,
        () -> parse("--l3-cache-schema", "L3:0=f", "c1").call());
    assertTrue(rdt.getMessage().contains("Intel RDT"), rdt.getMessage());
    BrambleException kmem = assertThrows(BrambleException.class, () -> parse("--kernel-memory", "1m", "c1").call());
    assertTrue(kmem.getMessage().contains("kernel memory limits are obsolete"), kmem.getMessage());
  }
}
