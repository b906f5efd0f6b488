package dev.bramble.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggerTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-01T12:00:00Z"));
  private static final String TIME = "2024-05-01T12:00:00.000000000Z";

  @Test
  void infoIsTheDefaultThresholdAndDebugNeedsTheDebugFlag() {
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Logger normal = Logger.toStderr(quiet, LogFormat.JSON, false, CLOCK);
    normal.debug("hidden");
    normal.info("shown");
    assertFalse(normal.isDebugEnabled());
    assertEquals("{\"level\":\"info\",\"msg\":\"shown\",\"time\":\"" + TIME + "\"}\n", text(quiet));

    ByteArrayOutputStream loud = new ByteArrayOutputStream();
    Logger debug = Logger.toStderr(loud, LogFormat.TEXT, true, CLOCK);
    debug.debug("detail");
    assertTrue(debug.isDebugEnabled());
    assertEquals("time=\"" + TIME + "\" level=debug msg=detail\n", text(loud));
  }

  @Test
  void everyLevelUsesItsLogrusName() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger logger = Logger.toStderr(out, LogFormat.TEXT, true, CLOCK);
    logger.debug("a");
    logger.info("b");
    logger.warning("c");
    logger.error("d");
    assertEquals(List.of(
        "time=\"" + TIME + "\" level=debug msg=a",
        "time=\"" + TIME + "\" level=info msg=b",
        "time=\"" + TIME + "\" level=warning msg=c",
        "time=\"" + TIME + "\" level=error msg=d"), text(out).lines().toList());
  }

  @Test
  void stackTracesAreOneDebugRecordAndOnlyUnderDebug() {
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Logger.toStderr(quiet, LogFormat.JSON, false, CLOCK).debugStackTrace(new IllegalStateException("boom"));
    assertEquals("", text(quiet));

    ByteArrayOutputStream loud = new ByteArrayOutputStream();
    Logger.toStderr(loud, LogFormat.JSON, true, CLOCK).debugStackTrace(new IllegalStateException("boom"));
    List<String> lines = text(loud).lines().toList();
    assertEquals(1, lines.size(), "a stack trace must stay one JSON line");
    assertTrue(lines.get(0).startsWith("{\"level\":\"debug\",\"msg\":\"java.lang.IllegalStateException: boom\\n\\tat "),
        lines.get(0));
  }

  @Test
  void fileLoggerAppendsAndCreatesTheFileWithoutGroupOrWorldWrite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.json");
    Files.writeString(file, "{\"level\":\"info\",\"msg\":\"earlier\",\"time\":\"" + TIME + "\"}\n");
    Logger first = Logger.toFile(file, LogFormat.JSON, false, CLOCK);
    first.error("one");
    Logger second = Logger.toFile(file, LogFormat.JSON, false, CLOCK);
    second.error("two");
    assertFalse(first.writesToStderr());
    assertEquals(List.of(
        "{\"level\":\"info\",\"msg\":\"earlier\",\"time\":\"" + TIME + "\"}",
        "{\"level\":\"error\",\"msg\":\"one\",\"time\":\"" + TIME + "\"}",
        "{\"level\":\"error\",\"msg\":\"two\",\"time\":\"" + TIME + "\"}"), Files.readAllLines(file));

    Path fresh = dir.resolve("fresh.log");
    Logger.toFile(fresh, LogFormat.TEXT, false, CLOCK).info("x");
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(fresh);
    assertFalse(mode.contains(PosixFilePermission.GROUP_WRITE), mode.toString());
    assertFalse(mode.contains(PosixFilePermission.OTHERS_WRITE), mode.toString());
  }

  @Test
  void stderrLoggerSaysSo() {
    assertTrue(Logger.toStderr(new ByteArrayOutputStream(), LogFormat.TEXT, false, CLOCK).writesToStderr());
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
