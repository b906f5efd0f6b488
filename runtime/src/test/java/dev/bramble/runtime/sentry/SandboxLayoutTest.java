package dev.bramble.runtime.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SandboxLayoutTest {
  @Test
  void scratchSitsJustUnderAThirtyNineBitTopOnAPi4() {
    SandboxLayout pi4 = new SandboxLayout(1L << 39, 4096);
    long a = pi4.scratchCandidate(0);
    assertTrue(a + SandboxLayout.SCRATCH_SIZE < (1L << 39), Long.toHexString(a));
    assertTrue(a > (1L << 39) - (4L << 20), "within a few MiB of the top: " + Long.toHexString(a));
    assertEquals(0, a % 4096);
  }

  @Test
  void followsSixteenKilobytePagesOnAPi5() {
    SandboxLayout pi5 = new SandboxLayout(1L << 47, 16384);
    for (int attempt = 0; attempt < 4; attempt++) {
      long a = pi5.scratchCandidate(attempt);
      assertEquals(0, a % 16384);
      assertTrue(a + SandboxLayout.SCRATCH_SIZE + 16384 <= pi5.scratchCandidate(Math.max(0, attempt - 1))
          || attempt == 0);
    }
  }

  @Test
  void x86TopIsAPageShortOfAPowerOfTwo() {
    SandboxLayout x86 = new SandboxLayout(0x7ffffffff000L, 4096);
    assertTrue(x86.scratchCandidate(0) + SandboxLayout.SCRATCH_SIZE <= 0x7ffffffff000L - 4096);
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new SandboxLayout(1L << 47, 1000));
    assertThrows(IllegalArgumentException.class, () -> new SandboxLayout(4096, 4096));
  }
}
