package dev.bramble.runtime.elf;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.ElfMachine;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an ELF file's header that decide whether a kernel can exec it: class, byte order, machine, type and
 * the program headers (with the PT_INTERP path, if any).
 *
 * @param elf64 {@code e_ident[EI_CLASS] == ELFCLASS64}
 * @param littleEndian {@code e_ident[EI_DATA] == ELFDATA2LSB}
 * @param type {@code e_type}: 2 ET_EXEC, 3 ET_DYN
 * @param machine {@code e_machine}
 * @param programHeaders all program headers in file order
 * @param interpreter the PT_INTERP path (the dynamic loader), empty for static executables
 */
public record ElfFile(
    boolean elf64,
    boolean littleEndian,
    int type,
    int machine,
    List<ProgramHeader> programHeaders,
    Optional<String> interpreter) {

  public static final int ET_EXEC = 2;
  public static final int ET_DYN = 3;

  public ElfFile {
    programHeaders = List.copyOf(programHeaders);
  }

  /** Human name of the machine, e.g. "arm64 (aarch64)", "armhf/armel (32-bit arm)". */
  public String describeMachine() {
    return ElfMachine.describe(machine, elf64, littleEndian);
  }

  /** "ELF 64-bit LSB executable, arm64 (aarch64), statically linked" — the words {@code file(1)} users know. */
  public String describe() {
    String kind =
        switch (type) {
          case ET_EXEC -> "executable";
          case ET_DYN -> "shared object/PIE";
          default -> "type " + type;
        };
    return "ELF "
        + (elf64 ? "64" : "32")
        + "-bit "
        + (littleEndian ? "LSB " : "MSB ")
        + kind
        + ", "
        + describeMachine()
        + interpreter.map(i -> ", interpreter " + i).orElse(", statically linked");
  }

  /** True when this is a 64-bit little-endian binary of {@code arch}: runs natively there. */
  public boolean isNativeTo(Arch arch) {
    return elf64 && littleEndian && machine == arch.elfMachine();
  }

  /**
   * True when this is the 32-bit ABI an {@code arch} kernel can run through its compat layer: i386 on x86_64,
   * 32-bit little-endian arm on aarch64.
   */
  public boolean isCompat32For(Arch arch) {
    if (elf64 || !littleEndian) {
      return false;
    }
    return switch (arch) {
      case X86_64 -> machine == ElfMachine.I386.code();
      case AARCH64 -> machine == ElfMachine.ARM.code();
    };
  }

  public List<ProgramHeader> loadSegments() {
    return programHeaders.stream().filter(ProgramHeader::isLoad).toList();
  }
}
