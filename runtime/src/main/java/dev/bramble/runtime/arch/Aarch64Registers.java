package dev.bramble.runtime.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * aarch64 register facts: {@code struct user_pt_regs} from the kernel's arch/arm64/include/uapi/asm/ptrace.h (x0..x30,
 * sp, pc, pstate), which is what PTRACE_GETREGSET returns for NT_PRSTATUS. The syscall ABI passes the number in x8
 * and arguments in x0..x5; the result comes back in x0, overwriting argument 0.
 *
 * <p>The kernel reads the number into its private {@code syscallno} before the entry stop and runs whatever that
 * holds afterwards, so x8 writes are ignored: the tracer changes or skips the syscall through NT_ARM_SYSTEM_CALL. At
 * syscall stops the kernel stores 0 (entry) or 1 (exit) in x7, ignores tracer writes to it and restores it on
 * resume. clone uses CONFIG_CLONE_BACKWARDS: tls before child_tid.
 */
final class Aarch64Registers {
  static final RegisterFacts FACTS =
      new RegisterFacts(
          Arch.AARCH64,
          slots(),
          "x8",
          "x8",
          null,
          List.of("x0", "x1", "x2", "x3", "x4", "x5"),
          "x0",
          "pc",
          "sp",
          "x7",
          false,
          CloneArgs.Order.CLONE_BACKWARDS);

  static final RegisterLayout LAYOUT = new SlotRegisterLayout(FACTS);

  private Aarch64Registers() {}

  private static List<String> slots() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      names.add("x" + i);
    }
    names.add("sp");
    names.add("pc");
    names.add("pstate");
    return names;
  }
}
