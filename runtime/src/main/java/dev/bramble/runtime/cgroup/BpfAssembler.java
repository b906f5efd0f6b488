package dev.bramble.runtime.cgroup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A few eBPF instructions, encoded as the kernel reads them (struct bpf_insn, 8 bytes: opcode, dst and src
 * register nibbles, 16-bit offset, 32-bit immediate; little-endian, as on x86_64 and aarch64). Only what the
 * device filter needs. Jump offsets count instructions after the jump.
 */
final class BpfAssembler {
  static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7;

  // opcode = class | size/op | source
  private static final int LDX_MEM_W = 0x61; // BPF_LDX | BPF_MEM | BPF_W
  private static final int ALU32_MOV_X = 0xbc, ALU32_MOV_K = 0xb4, ALU32_AND_K = 0x54, ALU32_RSH_K = 0x74;
  private static final int JMP_JNE_K = 0x55, JMP_JEQ_K = 0x15, JMP_EXIT = 0x95;

  /** One instruction. */
  record Insn(int opcode, int dst, int src, int offset, int imm) {
    Insn {
      if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
        throw new IllegalArgumentException("jump offset out of range: " + offset);
      }
    }

    Insn withOffset(int newOffset) {
      return new Insn(opcode, dst, src, newOffset, imm);
    }

    boolean isJump() {
      return opcode == JMP_JNE_K || opcode == JMP_JEQ_K;
    }
  }

  private BpfAssembler() {}

  /** dst = *(u32 *)(src + offset) */
  static Insn loadWord(int dst, int src, int offset) {
    return new Insn(LDX_MEM_W, dst, src, offset, 0);
  }

  /** dst = (u32) src */
  static Insn mov32(int dst, int src) {
    return new Insn(ALU32_MOV_X, dst, src, 0, 0);
  }

  /** dst = imm */
  static Insn movImm32(int dst, int imm) {
    return new Insn(ALU32_MOV_K, dst, 0, 0, imm);
  }

  /** dst &= imm (32-bit) */
  static Insn and32(int dst, int imm) {
    return new Insn(ALU32_AND_K, dst, 0, 0, imm);
  }

  /** dst >>= imm (32-bit, logical) */
  static Insn rsh32(int dst, int imm) {
    return new Insn(ALU32_RSH_K, dst, 0, 0, imm);
  }

  /** if dst != imm: skip {@code offset} instructions (patched later when 0 is given). */
  static Insn jumpIfNotEqual(int dst, int imm, int offset) {
    return new Insn(JMP_JNE_K, dst, 0, offset, imm);
  }

  /** if dst == imm: skip {@code offset} instructions. */
  static Insn jumpIfEqual(int dst, int imm, int offset) {
    return new Insn(JMP_JEQ_K, dst, 0, offset, imm);
  }

  static Insn exit() {
    return new Insn(JMP_EXIT, 0, 0, 0, 0);
  }

  static byte[] encode(List<Insn> program) {
    ByteBuffer out = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (Insn i : program) {
      out.put((byte) i.opcode());
      out.put((byte) ((i.src() << 4) | (i.dst() & 0x0f)));
      out.putShort((short) i.offset());
      out.putInt(i.imm());
    }
    return out.array();
  }

  /**
   * A block whose jumps all go to its end ("this rule does not match, try the next"): their offsets are set to
   * land just past the block's last instruction.
   */
  static List<Insn> blockJumpingToEnd(List<Insn> block) {
    List<Insn> out = new ArrayList<>(block.size());
    for (int i = 0; i < block.size(); i++) {
      Insn insn = block.get(i);
      out.add(insn.isJump() ? insn.withOffset(block.size() - i - 1) : insn);
    }
    return out;
  }
}
