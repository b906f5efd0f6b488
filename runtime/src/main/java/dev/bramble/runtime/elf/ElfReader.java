package dev.bramble.runtime.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an ELF header and its program headers, checking them the way the kernel's binfmt_elf loader does before it
 * maps anything. Only the header and program-header table are read, never the whole file.
 */
public final class ElfReader {
  private static final int EI_NIDENT = 16;
  private static final int ELFCLASS32 = 1;
  private static final int ELFCLASS64 = 2;
  private static final int ELFDATA2LSB = 1;
  private static final int ELFDATA2MSB = 2;
  private static final int PN_XNUM = 0xffff;
  /** binfmt_elf refuses program-header tables larger than this (ELF_MIN_ALIGN aside, 64 KiB). */
  private static final int MAX_PHDR_TABLE = 65536;
  /** PATH_MAX: the kernel rejects a longer PT_INTERP. */
  private static final int MAX_INTERP = 4096;

  private ElfReader() {}

  /** True when {@code head} starts with the four ELF magic bytes {@code 0x7f 'E' 'L' 'F'}. */
  public static boolean hasElfMagic(byte[] head, int length) {
    return length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /**
   * Reads {@code file} without following a symlink in its last component.
   *
   * @throws ElfFormatException when the magic is there but the headers are malformed or truncated
   */
  public static ElfFile read(Path file) throws IOException {
    return read(file, file.toString());
  }

  /** Same as {@link #read(Path)}, naming the file {@code name} in messages (e.g. its path inside a rootfs). */
  public static ElfFile read(Path file, String name) throws IOException {
    try (SeekableByteChannel channel =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return read(channel, name);
    }
  }

  /** Reads an ELF image from {@code channel}; {@code name} only labels error messages. */
  public static ElfFile read(SeekableByteChannel channel, String name) throws IOException {
    ByteBuffer ident = readAt(channel, 0, EI_NIDENT, name, "e_ident");
    if (!hasElfMagic(ident.array(), EI_NIDENT)) {
      throw new ElfFormatException(name + ": not an ELF file (no \\x7fELF magic)");
    }
    int elfClass = ident.get(4);
    int data = ident.get(5);
    if (elfClass != ELFCLASS32 && elfClass != ELFCLASS64) {
      throw new ElfFormatException(name + ": invalid ELF class " + elfClass + " in e_ident[EI_CLASS]");
    }
    if (data != ELFDATA2LSB && data != ELFDATA2MSB) {
      throw new ElfFormatException(name + ": invalid ELF data encoding " + data + " in e_ident[EI_DATA]");
    }
    boolean elf64 = elfClass == ELFCLASS64;
    ByteOrder order = data == ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;

    ByteBuffer header = readAt(channel, 0, elf64 ? 64 : 52, name, "ELF header").order(order);
    int type = Short.toUnsignedInt(header.getShort(16));
    int machine = Short.toUnsignedInt(header.getShort(18));
    long phoff = elf64 ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
    int phentsize = Short.toUnsignedInt(header.getShort(elf64 ? 54 : 42));
    int phnum = Short.toUnsignedInt(header.getShort(elf64 ? 56 : 44));

    int expectedEntSize = elf64 ? 56 : 32;
    if (phnum == PN_XNUM) {
      throw new ElfFormatException(name + ": e_phnum is PN_XNUM (more than 65534 program headers): not loadable");
    }
    if (phnum > 0 && phentsize != expectedEntSize) {
      throw new ElfFormatException(
          name + ": e_phentsize is " + phentsize + ", expected " + expectedEntSize + " for this ELF class");
    }
    if ((long) phnum * expectedEntSize > MAX_PHDR_TABLE) {
      throw new ElfFormatException(name + ": program header table larger than 64 KiB (" + phnum + " entries)");
    }
    if (phoff < 0) {
      throw new ElfFormatException(name + ": e_phoff 0x" + Long.toHexString(phoff) + " is beyond any file size");
    }

    List<ProgramHeader> headers = new ArrayList<>(phnum);
    if (phnum > 0) {
      ByteBuffer table = readAt(channel, phoff, phnum * expectedEntSize, name, "program header table").order(order);
      for (int i = 0; i < phnum; i++) {
        headers.add(elf64 ? phdr64(table, i * 56) : phdr32(table, i * 32));
      }
    }
    Optional<String> interpreter = interpreter(channel, headers, name);
    return new ElfFile(elf64, data == ELFDATA2LSB, type, machine, headers, interpreter);
  }

  private static ProgramHeader phdr64(ByteBuffer b, int at) {
    return new ProgramHeader(
        b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 32),
        b.getLong(at + 40), b.getLong(at + 48));
  }

  private static ProgramHeader phdr32(ByteBuffer b, int at) {
    return new ProgramHeader(
        b.getInt(at), b.getInt(at + 24), u32(b, at + 4), u32(b, at + 8), u32(b, at + 16), u32(b, at + 20),
        u32(b, at + 28));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }

  private static Optional<String> interpreter(SeekableByteChannel channel, List<ProgramHeader> headers, String name)
      throws IOException {
    Optional<ProgramHeader> interp =
        headers.stream().filter(h -> h.type() == ProgramHeader.PT_INTERP).findFirst();
    if (interp.isEmpty()) {
      return Optional.empty();
    }
    long size = interp.get().fileSize();
    if (size < 2 || size > MAX_INTERP) {
      throw new ElfFormatException(name + ": PT_INTERP size " + size + " is outside 2.." + MAX_INTERP);
    }
    byte[] bytes = readAt(channel, interp.get().offset(), (int) size, name, "PT_INTERP").array();
    if (bytes[bytes.length - 1] != 0) {
      throw new ElfFormatException(name + ": PT_INTERP path is not NUL-terminated");
    }
    int end = 0;
    while (bytes[end] != 0) {
      end++;
    }
    return Optional.of(new String(bytes, 0, end, StandardCharsets.UTF_8));
  }

  private static ByteBuffer readAt(SeekableByteChannel channel, long position, int length, String name, String what)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    if (position < 0 || position > channel.size() - length) {
      throw new ElfFormatException(
          name + ": truncated: " + what + " (" + length + " bytes at offset " + Long.toUnsignedString(position)
              + ") lies beyond the end of the file (" + channel.size() + " bytes)");
    }
    channel.position(position);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new ElfFormatException(name + ": truncated while reading " + what);
      }
    }
    return buffer.flip();
  }
}
