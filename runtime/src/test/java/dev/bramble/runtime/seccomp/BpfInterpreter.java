package dev.bramble.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs a classic BPF seccomp program on a {@code struct seccomp_data} the way the kernel does, so tests can ask what
 * a compiled filter answers for a call without loading it into any process. Covers the instructions the kernel's
 * seccomp checker admits; anything else fails the test.
 */
final class BpfInterpreter {
  private static final int LD_W_ABS = 0x20, LD_IMM = 0x00, LD_MEM = 0x60, LDX_IMM = 0x01, LDX_MEM = 0x61,
      ST = 0x02, STX = 0x03, TAX = 0x07, TXA = 0x87, RET_K = 0x06, RET_A = 0x16, JA = 0x05;

  private final int[] code;
  private final int[] jt;
  private final int[] jf;
  private final int[] k;

  BpfInterpreter(byte[] program) {
    ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
    int n = program.length / 8;
    code = new int[n];
    jt = new int[n];
    jf = new int[n];
    k = new int[n];
    for (int i = 0; i < n; i++) {
      code[i] = b.getShort(i * 8) & 0xffff;
      jt[i] = b.get(i * 8 + 2) & 0xff;
      jf[i] = b.get(i * 8 + 3) & 0xff;
      k[i] = b.getInt(i * 8 + 4);
    }
  }

  /** The action (SECCOMP_RET_* with data) for syscall {@code nr} of {@code auditArch} with {@code args}. */
  int run(int nr, long auditArch, long... args) {
    ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0, nr);
    data.putInt(4, (int) auditArch);
    for (int i = 0; i < args.length; i++) {
      data.putLong(16 + 8 * i, args[i]);
    }
    int a = 0, x = 0;
    int[] mem = new int[16];
    for (int pc = 0; pc < code.length; pc++) {
      int op = code[pc];
      switch (op) {
        case LD_W_ABS -> a = data.getInt(k[pc]);
        case LD_IMM -> a = k[pc];
        case LD_MEM -> a = mem[k[pc]];
        case LDX_IMM -> x = k[pc];
        case LDX_MEM -> x = mem[k[pc]];
        case ST -> mem[k[pc]] = a;
        case STX -> mem[k[pc]] = x;
        case TAX -> x = a;
        case TXA -> a = x;
        case RET_K -> {
          return k[pc];
        }
        case RET_A -> {
          return a;
        }
        case JA -> pc += k[pc];
        default -> {
          if ((op & 0x07) == 0x05) { // BPF_JMP with K or X
            int operand = (op & 0x08) != 0 ? x : k[pc];
            boolean taken = switch (op & 0xf0) {
              case 0x10 -> a == operand;
              case 0x20 -> Integer.compareUnsigned(a, operand) > 0;
              case 0x30 -> Integer.compareUnsigned(a, operand) >= 0;
              case 0x40 -> (a & operand) != 0;
              default -> throw new IllegalStateException("unsupported jump 0x" + Integer.toHexString(op));
            };
            pc += taken ? jt[pc] : jf[pc];
          } else if ((op & 0x07) == 0x04) { // BPF_ALU with K or X
            int operand = (op & 0x08) != 0 ? x : k[pc];
            a = switch (op & 0xf0) {
              case 0x00 -> a + operand;
              case 0x10 -> a - operand;
              case 0x20 -> a * operand;
              case 0x40 -> a | operand;
              case 0x50 -> a & operand;
              case 0x60 -> a << operand;
              case 0x70 -> a >>> operand;
              case 0x80 -> -a;
              case 0xa0 -> a ^ operand;
              default -> throw new IllegalStateException("unsupported alu 0x" + Integer.toHexString(op));
            };
          } else {
            throw new IllegalStateException("unsupported BPF instruction 0x" + Integer.toHexString(op) + " at " + pc);
          }
        }
      }
    }
    throw new IllegalStateException("the program ran off its end");
  }
}
