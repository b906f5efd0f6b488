package dev.bramble.runtime.arch;

import java.util.Optional;

/**
 * ELF {@code e_machine} values an image's binaries may carry, native or foreign, with the names an operator knows
 * them by. It exists so a gate can say "this image is amd64 (x86_64) but the node is arm64 (aarch64)" instead of
 * the kernel's bare "exec format error".
 *
 * <p>Several machines share one code across word sizes and byte orders (EM_PPC64 is ppc64 and ppc64le, EM_S390 is
 * s390 and s390x, EM_RISCV is riscv32 and riscv64), so {@link #describe(int, boolean, boolean)} also takes the ELF
 * class and data encoding from {@code e_ident}.
 */
public enum ElfMachine {
  MIPS(8, "mips", "mips"),
  I386(3, "i386", "i386"),
  PPC(20, "powerpc", "ppc"),
  PPC64(21, "ppc64el", "ppc64le"),
  S390(22, "s390x", "s390x"),
  ARM(40, "armhf", "arm"),
  X86_64(62, "amd64", "x86_64"),
  AARCH64(183, "arm64", "aarch64"),
  RISCV(243, "riscv64", "riscv64"),
  LOONGARCH(258, "loong64", "loongarch64");

  private final int code;
  private final String debianName;
  private final String unameName;

  ElfMachine(int code, String debianName, String unameName) {
    this.code = code;
    this.debianName = debianName;
    this.unameName = unameName;
  }

  /** Looks up an {@code e_machine} value; empty for machines bramble has no name for. */
  public static Optional<ElfMachine> of(int eMachine) {
    for (ElfMachine m : values()) {
      if (m.code == eMachine) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * A human name for an ELF file's machine, e.g. {@code "amd64 (x86_64)"}, {@code "armhf (32-bit arm)"}, {@code
   * "ppc64 (big-endian)"} or {@code "unknown machine 4660 (0x1234)"}.
   *
   * @param eMachine the {@code e_machine} field
   * @param elf64 {@code e_ident[EI_CLASS] == ELFCLASS64}
   * @param littleEndian {@code e_ident[EI_DATA] == ELFDATA2LSB}
   */
  public static String describe(int eMachine, boolean elf64, boolean littleEndian) {
    return of(eMachine)
        .map(m -> m.describe(elf64, littleEndian))
        .orElse("unknown machine " + eMachine + " (0x" + Integer.toHexString(eMachine) + ")");
  }

  /** A human name for this machine in the given ELF class and byte order. */
  public String describe(boolean elf64, boolean littleEndian) {
    return switch (this) {
      case X86_64 -> elf64 ? "amd64 (x86_64)" : "x32 (x86_64 with 32-bit pointers)";
      case AARCH64 -> elf64 ? "arm64 (aarch64)" : "arm64ilp32 (aarch64 with 32-bit pointers)";
      case I386 -> "i386 (32-bit x86)";
      case ARM -> "armhf/armel (32-bit arm)";
      case RISCV -> elf64 ? "riscv64" : "riscv32";
      case PPC64 -> littleEndian ? "ppc64el (ppc64le)" : "ppc64 (big-endian)";
      case PPC -> "powerpc (32-bit)";
      case S390 -> elf64 ? "s390x" : "s390 (31-bit)";
      case MIPS -> (littleEndian ? "mipsel" : "mips") + (elf64 ? "64" : "");
      case LOONGARCH -> "loong64 (loongarch64)";
    };
  }

  /** The ELF {@code e_machine} code. */
  public int code() {
    return code;
  }

  /** The Debian architecture of this machine's usual 64-bit (or only) port, e.g. {@code arm64}, {@code armhf}. */
  public String debianName() {
    return debianName;
  }

  /** The {@code uname -m} of this machine's usual port, e.g. {@code aarch64}, {@code arm}. */
  public String unameName() {
    return unameName;
  }

  /** The bramble architecture that runs 64-bit binaries of this machine, if it is one bramble supports. */
  public Optional<Arch> arch() {
    return Arch.fromElfMachine(code);
  }
}
