package dev.bramble.testbundles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells a statically linked ELF executable from a dynamically linked one by looking for a PT_INTERP
 * program header. A bundle rootfs has no libc, so a dynamic busybox (Debian's plain "busybox"
 * package) would fail inside the container with a confusing ENOENT.
 */
final class StaticBinaryCheck {
  private static final int PT_INTERP = 3;

  private StaticBinaryCheck() {}

  /** True when {@code file} is an ELF executable without an interpreter. */
  static boolean isStaticElf(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() < 64) {
        return false; // shorter than an ELF header
      }
      ByteBuffer header = read(channel, 0, 64);
      if (header.getInt(0) != 0x7f454c46) { // "\177ELF", read big-endian before the order is known
        return false;
      }
      boolean is64 = header.get(4) == 2;
      ByteOrder order = header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      header.order(order);
      long phoff = is64 ? header.getLong(0x20) : Integer.toUnsignedLong(header.getInt(0x1c));
      int phentsize = Short.toUnsignedInt(header.getShort(is64 ? 0x36 : 0x2a));
      int phnum = Short.toUnsignedInt(header.getShort(is64 ? 0x38 : 0x2c));
      for (int i = 0; i < phnum; i++) {
        ByteBuffer entry = read(channel, phoff + (long) i * phentsize, 4).order(order);
        if (entry.getInt(0) == PT_INTERP) {
          return false;
        }
      }
      return true;
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("truncated ELF file");
      }
    }
    return buffer.flip().order(ByteOrder.BIG_ENDIAN);
  }
}
