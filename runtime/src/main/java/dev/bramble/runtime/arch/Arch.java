package dev.bramble.runtime.arch;

import java.util.Locale;
import java.util.Optional;

/**
 * The CPU architectures bramble can sandbox, with every spelling each one has in the tools we talk to: the JVM's
 * {@code os.arch}, {@code uname -m}, Debian package architectures, libseccomp, the kernel's audit arch (the value a
 * seccomp filter compares {@code seccomp_data.arch} against) and the ELF {@code e_machine} field.
 *
 * <p>The per-arch facts themselves (syscall numbers, register layout, the stub) are data reached from here.
 */
public enum Arch {
  X86_64("x86_64", "amd64", "SCMP_ARCH_X86_64", 0xC000003EL, ElfMachine.X86_64),
  AARCH64("aarch64", "arm64", "SCMP_ARCH_AARCH64", 0xC00000B7L, ElfMachine.AARCH64);

  private final String unameName;
  private final String debianName;
  private final String seccompName;
  private final long auditArch;
  private final ElfMachine elfMachine;

  Arch(String unameName, String debianName, String seccompName, long auditArch, ElfMachine elfMachine) {
    this.unameName = unameName;
    this.debianName = debianName;
    this.seccompName = seccompName;
    this.auditArch = auditArch;
    this.elfMachine = elfMachine;
  }

  /**
   * The architecture of the running JVM, which is the architecture of the processes bramble can trace (a 64-bit
   * tracer cannot usefully trace through a foreign emulator).
   *
   * @throws UnsupportedOperationException on any other architecture, naming it
   */
  public static Arch host() {
    String osArch = System.getProperty("os.arch", "");
    return fromJvm(osArch)
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "unsupported host architecture '"
                        + osArch
                        + "' (os.arch); bramble runs on x86_64 (amd64) and aarch64 (arm64) only"));
  }

  /** Parses the JVM's {@code os.arch} spelling ({@code amd64}, {@code x86_64}, {@code aarch64}, {@code arm64}). */
  public static Optional<Arch> fromJvm(String osArch) {
    return switch (normalise(osArch)) {
      case "amd64", "x86_64", "x86-64" -> Optional.of(X86_64);
      case "aarch64", "arm64" -> Optional.of(AARCH64);
      default -> Optional.empty();
    };
  }

  /** Parses a {@code uname -m} / {@code utsname.machine} value ({@code x86_64}, {@code aarch64}). */
  public static Optional<Arch> fromUname(String machine) {
    String m = normalise(machine);
    for (Arch a : values()) {
      if (a.unameName.equals(m)) {
        return Optional.of(a);
      }
    }
    // arm64 kernels built big-endian report aarch64_be: not a supported target, so not matched.
    return Optional.empty();
  }

  /** Parses a Debian / OCI-image architecture name ({@code amd64}, {@code arm64}). */
  public static Optional<Arch> fromDebian(String debianArch) {
    String d = normalise(debianArch);
    for (Arch a : values()) {
      if (a.debianName.equals(d)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Parses a libseccomp / OCI {@code linux.seccomp.architectures} name ({@code SCMP_ARCH_X86_64}). */
  public static Optional<Arch> fromSeccomp(String seccompArch) {
    String s = seccompArch == null ? "" : seccompArch.trim();
    for (Arch a : values()) {
      if (a.seccompName.equals(s)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Maps an audit arch ({@code seccomp_data.arch}, {@code PTRACE_GET_SYSCALL_INFO.arch}) to its architecture. */
  public static Optional<Arch> fromAuditArch(long auditArch) {
    for (Arch a : values()) {
      if (a.auditArch == auditArch) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Maps an ELF {@code e_machine} to the supported architecture it runs on, if any. Only 64-bit ELF files of these
   * machines are native; the caller checks {@code EI_CLASS}. For foreign machines use {@link ElfMachine#of(int)}.
   */
  public static Optional<Arch> fromElfMachine(int eMachine) {
    for (Arch a : values()) {
      if (a.elfMachine.code() == eMachine) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** {@code uname -m}: {@code x86_64} or {@code aarch64}; also the resource directory of this arch's data. */
  public String unameName() {
    return unameName;
  }

  /** Debian and OCI image platform architecture: {@code amd64} or {@code arm64}. */
  public String debianName() {
    return debianName;
  }

  /** libseccomp's name, as used in OCI {@code linux.seccomp.architectures}. */
  public String seccompName() {
    return seccompName;
  }

  /** {@code AUDIT_ARCH_X86_64} 0xC000003E or {@code AUDIT_ARCH_AARCH64} 0xC00000B7 (64-bit, little-endian). */
  public long auditArch() {
    return auditArch;
  }

  /** ELF {@code e_machine}: 62 (EM_X86_64) or 183 (EM_AARCH64). */
  public int elfMachine() {
    return elfMachine.code();
  }

  /** The ELF machine entry, for human-readable names in messages. */
  public ElfMachine elfMachineEntry() {
    return elfMachine;
  }

  /** This arch's syscall name/number table, loaded on first use. */
  public SyscallTable syscalls() {
    return SyscallTable.of(this);
  }

  /** How this arch's NT_PRSTATUS register set is laid out. */
  public RegisterLayout registers() {
    return switch (this) {
      case X86_64 -> X86_64Registers.LAYOUT;
      case AARCH64 -> Aarch64Registers.LAYOUT;
    };
  }

  /** The stub executable that the tracer launches and injects syscalls into. */
  public StubImage stub() {
    return StubImage.of(this);
  }

  private static String normalise(String s) {
    return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
  }
}
