package dev.bramble.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {
  @TempDir Path tmp;

  @Test
  void movesTheFileAsideBeforeItWouldPassTheCapKeepingLinesWhole() throws Exception {
    Path log = tmp.resolve("s.log");
    Files.writeString(log, "from an earlier daemon\n");
    try (RotatingLog out = new RotatingLog(log, 50)) {
      out.write("line one: twenty-six b\n".getBytes(StandardCharsets.UTF_8)); // 23 + 23 bytes: fits
      out.write("line two: 23 bytes long\n".getBytes(StandardCharsets.UTF_8)); // would pass 50: rotate first
      out.write("3\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("from an earlier daemon\nline one: twenty-six b\n", Files.readString(Path.of(log + ".1")));
    assertEquals("line two: 23 bytes long\n3\n", Files.readString(log));
  }

  @Test
  void aLineLongerThanTheCapStillGetsWritten() throws Exception {
    Path log = tmp.resolve("s.log");
    try (RotatingLog out = new RotatingLog(log, 4)) {
      out.write("a long line\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("a long line\n", Files.readString(log));
  }
}
