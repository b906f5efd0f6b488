package dev.bramble.runtime.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchArenaTest {
  private static final long BASE = 0x7f0000000000L;

  @Test
  void argvIsANullTerminatedArrayOfPointersToTheStrings() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 1);
    ScratchArena arena = new ScratchArena(k, BASE, 1 << 16);
    long argv = arena.putStringArray(List.of("sh", "-c", "exit 7"));
    arena.flush(1);
    byte[] all = k.memory.get(BASE);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.nativeOrder());
    int at = (int) (argv - BASE);
    assertEquals(0, at % 16, "16-byte aligned");
    assertEquals("sh", cString(all, (int) (b.getLong(at) - BASE)));
    assertEquals("-c", cString(all, (int) (b.getLong(at + 8) - BASE)));
    assertEquals("exit 7", cString(all, (int) (b.getLong(at + 16) - BASE)));
    assertEquals(0, b.getLong(at + 24));
  }

  @Test
  void refusesToOverflowAndToSmuggleNulBytes() {
    ScratchArena arena = new ScratchArena(new SimulatedKernel(Arch.X86_64, 1), BASE, 64);
    IllegalStateException full = assertThrows(IllegalStateException.class, () -> arena.putBytes(new byte[100]));
    assertTrue(full.getMessage().contains("arena full"));
    assertThrows(IllegalArgumentException.class, () -> arena.putString("a\0b"));
  }

  private static String cString(byte[] b, int from) {
    int end = from;
    while (b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from);
  }
}
