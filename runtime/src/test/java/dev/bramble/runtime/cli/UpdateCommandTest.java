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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** update's flags and --resources documents, parsed without running anything; runc's value syntaxes. */
class UpdateCommandTest {
  @TempDir Path dir;

  private static UpdateCommand parse(String... args) {
    CommandContext context = new CommandContext(new PrintStream(System.out), System.err, InstantSource.system());
    return CommandLine.populateCommand(new UpdateCommand(context), args);
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
}
