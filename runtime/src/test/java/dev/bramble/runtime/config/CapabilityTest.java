package dev.bramble.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CapabilityTest {
  @Test
  void namesAndNumbersFollowTheKernelHeader() {
    assertEquals(0, Capability.number("CAP_CHOWN").orElseThrow());
    assertEquals(21, Capability.number("CAP_SYS_ADMIN").orElseThrow());
    assertEquals(40, Capability.number("CAP_CHECKPOINT_RESTORE").orElseThrow());
    assertEquals("CAP_NET_RAW", Capability.name(13));
  }

  /** /proc/sys files answer reads at a non-zero offset with EOF: "40" once read as "4" (CapBnd kept 35 caps). */
  @Test
  void hostLastCapabilityReadsTheWholeNumber() throws IOException {
    String expected;
    try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/cap_last_cap"))) {
      expected = new String(in.readAllBytes()).trim();
    }
    assertEquals(Math.min(Integer.parseInt(expected), Capability.last()), Capability.hostLast());
  }
}
