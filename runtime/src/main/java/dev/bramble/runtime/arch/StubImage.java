package dev.bramble.runtime.arch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;

/**
 * The stub: a static ELF64 executable, emitted here rather than compiled, that stops itself with {@code
 * kill(getpid(), SIGSTOP)} and then offers the tracer a syscall instruction (the trampoline) to run injected syscalls
 * at. bramble never forks the JVM; every container process starts life as this stub.
 *
 * <p>Layout: ELF header, two program headers (one PT_LOAD R+X mapping the whole file at {@link #LOAD_ADDRESS}, and
 * PT_GNU_STACK RW so the stack is never executable), then the code. The segment is aligned to 64 KiB so it loads on
 * kernels with 4K, 16K and 64K pages, and the load address is low enough for a 39-bit user address space. If the
 * stopped stub is continued by anyone but the tracer it falls through into {@code exit_group(1)} rather than running
 * the trampoline with a stale number.
 */
public final class StubImage {
  /** Where the single PT_LOAD segment is mapped. */
  public static final long LOAD_ADDRESS = 0x400000L;

  /** p_align: the largest page size of any supported kernel (arm64 64K pages). */
  public static final long SEGMENT_ALIGN = 0x10000L;

  static final int ELF_HEADER_SIZE = 64;
  static final int PROGRAM_HEADER_SIZE = 56;
  static final int PROGRAM_HEADERS = 2;
  static final int CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADERS * PROGRAM_HEADER_SIZE;

  private static final int PT_LOAD = 1;
  private static final int PT_GNU_STACK = 0x6474e551;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int PF_R = 4;
  private static final int SIGSTOP = 19;
  private static final Map<Arch, StubImage> IMAGES = new EnumMap<>(Arch.class);

  private final Arch arch;
  private final byte[] elf;
  private final long trampoline;
  private final byte[] syscallInstruction;

  private StubImage(Arch arch, StubProgram program) {
    this.arch = arch;
    this.elf = link(arch, program.code());
    this.trampoline = LOAD_ADDRESS + CODE_OFFSET + program.trampolineOffset();
    this.syscallInstruction = program.syscallInstruction();
  }

  /** The stub of {@code arch}, built on first use. */
  public static StubImage of(Arch arch) {
    synchronized (IMAGES) {
      return IMAGES.computeIfAbsent(arch, StubImage::build);
    }
  }

  private static StubImage build(Arch arch) {
    SyscallTable syscalls = arch.syscalls();
    StubProgram program =
        switch (arch) {
          case X86_64 -> X86_64StubAssembler.assemble(syscalls, SIGSTOP);
          case AARCH64 -> Aarch64StubAssembler.assemble(syscalls, SIGSTOP);
        };
    return new StubImage(arch, program);
  }

  private static byte[] link(Arch arch, byte[] code) {
    int size = CODE_OFFSET + code.length;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    // e_ident: magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV, padding
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b.putShort((short) 2); // e_type ET_EXEC
    b.putShort((short) arch.elfMachine());
    b.putInt(1); // e_version
    b.putLong(LOAD_ADDRESS + CODE_OFFSET); // e_entry
    b.putLong(ELF_HEADER_SIZE); // e_phoff
    b.putLong(0); // e_shoff: no sections
    b.putInt(0); // e_flags
    b.putShort((short) ELF_HEADER_SIZE);
    b.putShort((short) PROGRAM_HEADER_SIZE);
    b.putShort((short) PROGRAM_HEADERS);
    b.putShort((short) 64); // e_shentsize
    b.putShort((short) 0); // e_shnum
    b.putShort((short) 0); // e_shstrndx
    programHeader(b, PT_LOAD, PF_R | PF_X, 0, LOAD_ADDRESS, size, SEGMENT_ALIGN);
    programHeader(b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 16);
    b.put(code);
    return b.array();
  }

  private static void programHeader(ByteBuffer b, int type, int flags, long offset, long vaddr, long size, long align) {
    b.putInt(type).putInt(flags).putLong(offset).putLong(vaddr).putLong(vaddr);
    b.putLong(size).putLong(size).putLong(align);
  }

  /** The architecture this stub runs on. */
  public Arch arch() {
    return arch;
  }

  /** The complete ELF file (a fresh copy). */
  public byte[] elf() {
    return elf.clone();
  }

  /** File size in bytes. */
  public int size() {
    return elf.length;
  }

  /** The entry point (e_entry): the first instruction of the stub. */
  public long entry() {
    return LOAD_ADDRESS + CODE_OFFSET;
  }

  /** Address of the syscall instruction the tracer points the pc at to inject a syscall. */
  public long trampoline() {
    return trampoline;
  }

  /**
   * Where the pc is after the trampoline's syscall instruction ran (the value seen at its syscall-exit stop), so the
   * tracer can tell an injected syscall's stops from anything else.
   */
  public long afterTrampoline() {
    return trampoline + syscallInstruction.length;
  }

  /** The bytes of the syscall instruction at the trampoline. */
  public byte[] syscallInstruction() {
    return syscallInstruction.clone();
  }

  /** Writes the stub to {@code file} (replacing it) with mode 0555. */
  public Path writeExecutable(Path file) throws IOException {
    Files.write(file, elf);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
    return file;
  }

  @Override
  public String toString() {
    return "StubImage["
        + arch.unameName()
        + ", "
        + elf.length
        + " bytes, entry 0x"
        + Long.toHexString(entry())
        + ", trampoline 0x"
        + Long.toHexString(trampoline)
        + "]";
  }
}
