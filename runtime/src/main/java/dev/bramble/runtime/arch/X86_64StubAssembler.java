package dev.bramble.runtime.arch;

import java.io.ByteArrayOutputStream;

/**
 * Emits the x86_64 stub:
 *
 * <pre>
 *   mov eax, getpid ; syscall          pid in eax
 *   mov edi, eax ; mov esi, SIGSTOP
 *   mov eax, kill ; syscall            stops here until the tracer takes over
 *   mov edi, 1 ; mov eax, exit_group   continued without a tracer (SIGCONT): fall through and exit
 * trampoline:
 *   syscall                            the tracer sets rip here with rax and the arguments of its choice
 * fence:
 *   mov edi, 1 ; mov eax, exit_group   a puppet resumed by mistake after an injected syscall must not run its
 *   syscall ; jmp fence                registers again (a spinning, unsupervised loop): it exits instead
 * </pre>
 *
 * <p>The parked stub sleeps in ppoll at the trampoline; a restarted syscall rewinds rip onto the syscall
 * instruction itself, so parking never reaches the fence.
 */
final class X86_64StubAssembler {
  static final byte[] SYSCALL = {0x0f, 0x05};
  private static final int EAX = 0;
  private static final int ESI = 6;
  private static final int EDI = 7;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private X86_64StubAssembler() {}

  static StubProgram assemble(SyscallTable syscalls, int sigstop) {
    X86_64StubAssembler a = new X86_64StubAssembler();
    a.movImm32(EAX, syscalls.require("getpid"));
    a.syscall();
    a.movReg(EDI, EAX);
    a.movImm32(ESI, sigstop);
    a.movImm32(EAX, syscalls.require("kill"));
    a.syscall();
    a.movImm32(EDI, 1);
    a.movImm32(EAX, syscalls.require("exit_group"));
    int trampoline = a.out.size();
    a.syscall();
    int fence = a.out.size();
    a.movImm32(EDI, 1);
    a.movImm32(EAX, syscalls.require("exit_group"));
    a.syscall();
    a.jmpShort(fence);
    return new StubProgram(a.out.toByteArray(), trampoline, SYSCALL);
  }

  /** {@code mov r32, imm32}: B8+rd id (zero-extends into the 64-bit register). */
  private void movImm32(int reg, int imm) {
    out.write(0xb8 + reg);
    for (int i = 0; i < 4; i++) {
      out.write(imm >>> (8 * i));
    }
  }

  /** {@code mov r/m32, r32}: 89 /r with a register-direct ModRM. */
  private void movReg(int dst, int src) {
    out.write(0x89);
    out.write(0xc0 | src << 3 | dst);
  }

  private void syscall() {
    out.writeBytes(SYSCALL);
  }

  /** {@code jmp rel8}: EB cb, relative to the end of this 2-byte instruction. */
  private void jmpShort(int target) {
    int rel = target - (out.size() + 2);
    if (rel < -128 || rel > 127) {
      throw new IllegalStateException("short jump out of range: " + rel);
    }
    out.write(0xeb);
    out.write(rel);
  }
}
