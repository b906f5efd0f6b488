package dev.bramble.runtime.arch;

import java.util.List;

/**
 * x86_64 register facts: {@code struct user_regs_struct} from the kernel's arch/x86/include/asm/user_64.h, which is
 * what PTRACE_GETREGSET returns for NT_PRSTATUS. The syscall ABI passes the number in rax and arguments in rdi, rsi,
 * rdx, r10, r8, r9 (r10, not rcx: the {@code syscall} instruction clobbers rcx and r11). On entry the kernel copies
 * the number to {@code orig_rax}, sets rax to -ENOSYS and reads the number back from {@code orig_rax} after the
 * tracer has run, so writing {@code orig_rax} changes or (with -1) skips the syscall.
 */
final class X86_64Registers {
  static final RegisterFacts FACTS =
      new RegisterFacts(
          Arch.X86_64,
          List.of(
              "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi",
              "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs"),
          "orig_rax",
          "rax",
          "orig_rax",
          List.of("rdi", "rsi", "rdx", "r10", "r8", "r9"),
          "rax",
          "rip",
          "rsp",
          null,
          true,
          CloneArgs.Order.DEFAULT);

  static final RegisterLayout LAYOUT = new SlotRegisterLayout(FACTS);

  private X86_64Registers() {}
}
