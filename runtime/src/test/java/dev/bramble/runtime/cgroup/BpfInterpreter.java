package dev.bramble.runtime.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs the few eBPF instructions the device filter uses, as the kernel would, on a bpf_cgroup_dev_ctx: so the
 * program's verdicts can be checked against the v1 semantics for every device and access without root. Any
 * other opcode fails the test, as would a jump out of the program or a missing exit.
 */
final class BpfInterpreter {
  private BpfInterpreter() {}

  /** Returns r0 at exit. */
  static long run(byte[] program, int accessType, int major, int minor) {
    ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer ctx = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    ctx.putInt(0, accessType).putInt(4, major).putInt(8, minor);
    long[] r = new long[11];
    boolean[] set = new boolean[11];
    set[1] = true; // r1 = ctx
    int pc = 0;
    int count = program.length / 8;
    for (int steps = 0; steps < 10_000; steps++) {
      if (pc < 0 || pc >= count) {
        throw new AssertionError("pc " + pc + " left the program");
      }
      int op = code.get(pc * 8) & 0xff;
      int regs = code.get(pc * 8 + 1) & 0xff;
      int dst = regs & 0x0f;
      int src = regs >> 4;
      int off = code.getShort(pc * 8 + 2);
      int imm = code.getInt(pc * 8 + 4);
      pc++;
      switch (op) {
        case 0x61 -> { // ldxw dst, [src + off]: only from the context
          if (src != 1 || off < 0 || off > 8 || off % 4 != 0) {
            throw new AssertionError("bad context load at offset " + off + " from r" + src);
          }
          r[dst] = ctx.getInt(off) & 0xffffffffL;
          set[dst] = true;
        }
        case 0xbc -> {
          need(set, src);
          r[dst] = r[src] & 0xffffffffL;
          set[dst] = true;
        }
        case 0xb4 -> {
          r[dst] = imm & 0xffffffffL;
          set[dst] = true;
        }
        case 0x54 -> {
          need(set, dst);
          r[dst] = (r[dst] & imm) & 0xffffffffL;
        }
        case 0x74 -> {
          need(set, dst);
          r[dst] = (r[dst] & 0xffffffffL) >>> imm;
        }
        case 0x55 -> {
          need(set, dst);
          if (r[dst] != (long) imm) {
            pc += off;
          }
        }
        case 0x15 -> {
          need(set, dst);
          if (r[dst] == (long) imm) {
            pc += off;
          }
        }
        case 0x95 -> {
          need(set, 0);
          return r[0];
        }
        default -> throw new AssertionError("unexpected opcode 0x" + Integer.toHexString(op));
      }
    }
    throw new AssertionError("no exit within 10000 steps");
  }

  private static void need(boolean[] set, int reg) {
    if (!set[reg]) {
      throw new AssertionError("r" + reg + " read before it was written (the verifier would refuse)");
    }
  }
}
