package dev.bramble.runtime.arch;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where the syscall-relevant registers sit in an architecture's general-purpose register set, as returned by {@code
 * PTRACE_GETREGSET} with {@code NT_PRSTATUS} and viewed as a {@code long[]} of 64-bit slots (x86_64: {@code struct
 * user_regs_struct}, 27 slots; aarch64: {@code struct user_pt_regs}, x0..x30, sp, pc, pstate, 34 slots).
 *
 * <p>Methods read and write the caller's array in place; they never talk to the kernel. Every method that takes a
 * register array checks that it has at least {@link #slotCount()} slots.
 */
public interface RegisterLayout {
  /** {@code NT_PRSTATUS}: the ELF note type of the general-purpose register set, on every architecture. */
  int NT_PRSTATUS = 1;

  /** {@code NT_ARM_SYSTEM_CALL}: aarch64's one-int regset holding the syscall number the kernel will run. */
  int NT_ARM_SYSTEM_CALL = 0x404;

  /** The architecture this layout belongs to. */
  Arch arch();

  /** Number of 64-bit slots in the NT_PRSTATUS regset (x86_64 27, aarch64 34). */
  int slotCount();

  /** Size in bytes of the NT_PRSTATUS regset, for the iovec handed to PTRACE_GETREGSET. */
  default int regsetBytes() {
    return slotCount() * Long.BYTES;
  }

  /** The kernel's name of each slot, index = slot ({@code "orig_rax"}, {@code "x8"}...), for dumps and logs. */
  List<String> slotNames();

  /** The slot of a register by its kernel name, e.g. {@code "rip"} or {@code "x8"}, or empty if there is none. */
  OptionalInt slot(String registerName);

  /**
   * The syscall number at a syscall-entry or seccomp stop: x86_64 {@code orig_rax}, aarch64 {@code x8}. At other stops
   * the slot holds whatever the process last put there.
   */
  long syscallNumber(long[] regs);

  /**
   * Whether writing the syscall number slot of NT_PRSTATUS at a syscall-entry or seccomp stop changes (or, with -1,
   * skips) the syscall. True on x86_64 ({@code orig_rax}); false on aarch64, where the tracer must write {@link
   * #NT_ARM_SYSTEM_CALL} instead.
   */
  boolean syscallNumberInRegset();

  /** The regset through which the syscall number must be changed when {@link #syscallNumberInRegset()} is false. */
  OptionalInt syscallNumberRegset();

  /**
   * Sets the syscall number slot. Only meaningful where {@link #syscallNumberInRegset()} is true.
   *
   * @throws UnsupportedOperationException on aarch64, saying to use {@link #NT_ARM_SYSTEM_CALL}
   */
  void setSyscallNumber(long[] regs, long nr);

  /**
   * Syscall argument {@code i} (0..5). x86_64: rdi, rsi, rdx, r10, r8, r9; aarch64: x0..x5. On aarch64 x0 is also the
   * return register, so argument 0 is only valid at entry and seccomp stops; save it there if needed later.
   */
  long arg(long[] regs, int i);

  /** Sets syscall argument {@code i} (0..5). */
  void setArg(long[] regs, int i, long value);

  /** The syscall return value at a syscall-exit stop (negative errno on failure): rax / x0. */
  long returnValue(long[] regs);

  /** Sets the return value, e.g. when emulating a syscall that was skipped. */
  void setReturnValue(long[] regs, long value);

  /** The program counter (rip / pc); at syscall stops it points just after the syscall instruction. */
  long programCounter(long[] regs);

  /** Sets the program counter. */
  void setProgramCounter(long[] regs, long pc);

  /** The stack pointer (rsp / sp). */
  long stackPointer(long[] regs);

  /**
   * The slot the kernel overwrites at syscall-entry/exit stops and restores on resume, ignoring tracer writes to it:
   * aarch64 x7 (0 at entry, 1 at exit). -1 on x86_64, which has none.
   */
  int clobberedAtSyscallStop();

  /**
   * Rewrites {@code regs} so that resuming the stopped tracee runs syscall {@code nr} with {@code args} (at most 6,
   * missing ones are 0) at the syscall instruction at {@code trampolinePc}: sets the program counter, the register the
   * syscall instruction reads the number from (x86_64 rax, aarch64 x8) and the argument registers. On x86_64 it also
   * sets {@code orig_rax} to -1 so that, at a stop that interrupted a syscall, the kernel's restart logic does not
   * rewind rip. Other slots are left alone.
   *
   * @throws IllegalArgumentException if more than 6 arguments are given
   */
  void prepareInjection(long[] regs, long trampolinePc, long nr, long... args);

  /** Decodes clone's register arguments at an entry or seccomp stop, in this architecture's argument order. */
  CloneArgs decodeClone(long[] regs);
}
