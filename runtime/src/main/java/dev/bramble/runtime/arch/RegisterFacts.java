package dev.bramble.runtime.arch;

import java.util.List;

/**
 * One architecture's register facts, by register name, as written down in the per-arch data classes ({@link
 * X86_64Registers}, {@link Aarch64Registers}). {@link SlotRegisterLayout} resolves the names to slot indexes once.
 *
 * @param slots the kernel's register names in NT_PRSTATUS order
 * @param syscallNumber register holding the syscall number at entry and seccomp stops
 * @param injectedNumber register the syscall instruction reads the number from
 * @param restartGuard register set to -1 when injecting so syscall-restart logic leaves the pc alone, or null
 * @param args the six syscall argument registers in order
 * @param clobberedAtSyscallStop register the kernel overwrites at syscall stops, or null
 * @param syscallNumberInRegset whether writing {@code syscallNumber} at a stop changes the syscall
 */
record RegisterFacts(
    Arch arch,
    List<String> slots,
    String syscallNumber,
    String injectedNumber,
    String restartGuard,
    List<String> args,
    String returnValue,
    String programCounter,
    String stackPointer,
    String clobberedAtSyscallStop,
    boolean syscallNumberInRegset,
    CloneArgs.Order cloneOrder) {

  RegisterFacts {
    slots = List.copyOf(slots);
    args = List.copyOf(args);
    if (args.size() != 6) {
      throw new IllegalArgumentException(arch + ": a syscall has 6 argument registers, got " + args);
    }
  }
}
