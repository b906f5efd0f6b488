package dev.bramble.runtime.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ELF files for tests: a header, program headers, an optional PT_INTERP string. Enough for the
 * loader-relevant checks (class, byte order, machine, segment alignment), not a runnable program.
 */
public final class TestElf {
  private final boolean elf64;
  private final boolean littleEndian;
  private final int machine;
  private final List<long[]> loads = new ArrayList<>();
  private String interpreter;
  private int phentsizeOverride = -1;

  private TestElf(boolean elf64, boolean littleEndian, int machine) {
    this.elf64 = elf64;
    this.littleEndian = littleEndian;
    this.machine = machine;
  }

  public static TestElf of(boolean elf64, boolean littleEndian, int machine) {
    return new TestElf(elf64, littleEndian, machine);
  }

  /** A 64-bit little-endian ELF of {@code machine} (62 x86_64, 183 aarch64). */
  public static TestElf native64(int machine) {
    return of(true, true, machine);
  }

  /** A PT_LOAD segment (R-X). */
  public TestElf load(long offset, long vaddr, long align) {
    loads.add(new long[] {offset, vaddr, align});
    return this;
  }

  public TestElf interpreter(String path) {
    this.interpreter = path;
    return this;
  }

  /** Writes a wrong e_phentsize, to test rejection. */
  public TestElf phentsize(int value) {
    this.phentsizeOverride = value;
    return this;
  }

  public byte[] bytes() {
    int ehsize = elf64 ? 64 : 52;
    int phentsize = elf64 ? 56 : 32;
    int phnum = loads.size() + (interpreter == null ? 0 : 1);
    int interpOffset = ehsize + phnum * phentsize;
    byte[] interp = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(interpOffset + interp.length + 64)
        .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (elf64 ? 2 : 1), (byte) (littleEndian ? 1 : 2), 1, 0});
    b.position(16);
    b.putShort((short) ElfFile.ET_EXEC).putShort((short) machine).putInt(1);
    if (elf64) {
      b.putLong(0x400000).putLong(ehsize).putLong(0).putInt(0);
    } else {
      b.putInt(0x10000).putInt(ehsize).putInt(0).putInt(0);
    }
    b.putShort((short) ehsize).putShort((short) (phentsizeOverride >= 0 ? phentsizeOverride : phentsize))
        .putShort((short) phnum).putShort((short) 0).putShort((short) 0).putShort((short) 0);
    b.position(ehsize);
    if (interpreter != null) {
      phdr(b, ProgramHeader.PT_INTERP, 4, interpOffset, interpOffset, interp.length, 1);
    }
    for (long[] l : loads) {
      phdr(b, ProgramHeader.PT_LOAD, 5, l[0], l[1], 0x100, l[2]);
    }
    b.position(interpOffset);
    b.put(interp);
    return b.array();
  }

  private void phdr(ByteBuffer b, int type, int flags, long offset, long vaddr, long size, long align) {
    if (elf64) {
      b.putInt(type).putInt(flags).putLong(offset).putLong(vaddr).putLong(vaddr).putLong(size).putLong(size)
          .putLong(align);
    } else {
      b.putInt(type).putInt((int) offset).putInt((int) vaddr).putInt((int) vaddr).putInt((int) size)
          .putInt((int) size).putInt(flags).putInt((int) align);
    }
  }

  /** Writes the file with mode 0755. */
  public Path writeTo(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
