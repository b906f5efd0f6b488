package dev.bramble.runtime.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The ELF auxiliary vector the kernel gave this process ({@code /proc/self/auxv}): native-endian pairs of unsigned
 * longs, ending with AT_NULL. AT_PAGESZ there is the authoritative page size; nothing in bramble assumes 4096.
 */
public final class Auxv {
  public static final long AT_NULL = 0;
  public static final long AT_PAGESZ = 6;
  public static final String PATH = "/proc/self/auxv";

  private Auxv() {}

  /** The value of {@code type} in a 64-bit auxv image, or empty if the vector ends first. */
  public static Optional<Long> value(byte[] auxv, long type) {
    ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
    while (b.remaining() >= 16) {
      long key = b.getLong();
      long value = b.getLong();
      if (key == AT_NULL) {
        break;
      }
      if (key == type) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The page size from {@code /proc/self/auxv}; empty if it cannot be read or holds no valid AT_PAGESZ. */
  public static Optional<Sourced<Long>> pageSize(HostFiles files) {
    return files
        .bytes(PATH)
        .flatMap(bytes -> value(bytes, AT_PAGESZ))
        .filter(size -> size >= 4096 && Long.bitCount(size) == 1)
        .map(size -> Sourced.of(size, PATH + " AT_PAGESZ"));
  }
}
