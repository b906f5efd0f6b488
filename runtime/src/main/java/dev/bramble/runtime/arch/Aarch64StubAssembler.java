package dev.bramble.runtime.arch;

import java.io.ByteArrayOutputStream;

/**
 * Emits the aarch64 stub (fixed 32-bit little-endian instructions):
 *
 * <pre>
 *   movz x8, #getpid ; svc #0          pid in x0
 *   movz x1, #SIGSTOP
 *   movz x8, #kill ; svc #0            stops here until the tracer takes over
 *   movz x0, #1 ; movz x8, #exit_group continued without a tracer (SIGCONT): fall through and exit
 * trampoline:
 *   svc #0                             the tracer sets pc here with x8 and the arguments of its choice
 * fence:
 *   movz x0, #1 ; movz x8, #exit_group a puppet resumed by mistake after an injected syscall must not run its
 *   svc #0 ; b fence                   registers again (a spinning, unsupervised loop): it exits instead
 * </pre>
 */
final class Aarch64StubAssembler {
  static final int SVC_0 = 0xd4000001;
  private static final int MOVZ_X = 0xd2800000;
  private static final int B = 0x14000000;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Aarch64StubAssembler() {}

  static StubProgram assemble(SyscallTable syscalls, int sigstop) {
    Aarch64StubAssembler a = new Aarch64StubAssembler();
    a.movz(8, syscalls.require("getpid"));
    a.emit(SVC_0);
    a.movz(1, sigstop);
    a.movz(8, syscalls.require("kill"));
    a.emit(SVC_0);
    a.movz(0, 1);
    a.movz(8, syscalls.require("exit_group"));
    int trampoline = a.out.size();
    a.emit(SVC_0);
    int fence = a.out.size();
    a.movz(0, 1);
    a.movz(8, syscalls.require("exit_group"));
    a.emit(SVC_0);
    a.branch(fence);
    return new StubProgram(a.out.toByteArray(), trampoline, le(SVC_0));
  }

  /** {@code movz xd, #imm16}: sf=1 opc=10 hw=0, imm16 in bits 5..20, rd in bits 0..4. */
  private void movz(int rd, int imm16) {
    if (imm16 < 0 || imm16 > 0xffff || rd < 0 || rd > 30) {
      throw new IllegalArgumentException("movz x" + rd + ", #" + imm16 + " is not encodable");
    }
    emit(MOVZ_X | imm16 << 5 | rd);
  }

  /** {@code b label}: imm26 word offset relative to this instruction. */
  private void branch(int target) {
    int words = (target - out.size()) / 4;
    emit(B | (words & 0x03ffffff));
  }

  private void emit(int insn) {
    out.writeBytes(le(insn));
  }

  private static byte[] le(int insn) {
    return new byte[] {(byte) insn, (byte) (insn >>> 8), (byte) (insn >>> 16), (byte) (insn >>> 24)};
  }
}
