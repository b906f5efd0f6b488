package dev.bramble.runtime.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class BrambleExceptionTest {
  @Test
  void messageSaysWhatOnWhatWhyAndTheRemedy() {
    BrambleException failure = BrambleException.of("open log file", "/run/x/log.json", "permission denied",
        "pass a writable file to --log");
    assertEquals("open log file /run/x/log.json: permission denied; pass a writable file to --log",
        failure.getMessage());
    assertEquals(BrambleException.EXIT_FAILURE, failure.exitCode());
  }

  @Test
  void emptyPartsAreLeftOut() {
    assertEquals("kill c1: container is stopped", BrambleException.of("kill c1", null, "container is stopped", "")
        .getMessage());
    assertEquals("spec", BrambleException.of("spec", "", null, null).getMessage());
  }

  @Test
  void keepsTheCauseAndCanCarryAnotherExitStatus() {
    IOException cause = new IOException("disk");
    BrambleException failure = BrambleException.of("write", "/x", "disk", null, cause).withExitCode(3);
    assertEquals(3, failure.exitCode());
    assertSame(cause, failure.getCause());
    assertEquals("write /x: disk", failure.getMessage());
    assertThrows(IllegalArgumentException.class, () -> failure.withExitCode(0), "0 would claim success");
    assertThrows(IllegalArgumentException.class, () -> failure.withExitCode(256));
  }

  @Test
  void aMessageIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> new BrambleException(" "));
    assertThrows(IllegalArgumentException.class, () -> BrambleException.of(null, "x", "y", "z"));
  }

  @Test
  void ioReasonsAreStrerrorWordsWithoutThePath() {
    assertEquals("no such file or directory", IoReasons.describe(new NoSuchFileException("/a/b")));
    assertEquals("permission denied", IoReasons.describe(new AccessDeniedException("/a/b")));
    assertEquals("not a directory", IoReasons.describe(new FileSystemException("/a/b", null, "Not a directory")));
    assertEquals("plain", IoReasons.describe(new IOException("plain")));
    assertEquals("IOException", IoReasons.describe(new IOException()));
  }
}
