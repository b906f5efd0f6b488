package dev.bramble.runtime.sentry;

import dev.bramble.runtime.linux.LinuxKernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A region of a tracee's memory where the sentry stages the strings and structs of injected syscalls.
 *
 * <p>Arguments are staged locally and written with one process_vm_writev per syscall ({@link #flush}); the arena is
 * reset before each syscall because the kernel copies what it needs during the call. Addresses handed out are
 * 16-byte aligned.
 */
final class ScratchArena {
  private final LinuxKernel kernel;
  private final long base;
  private final int size;
  private byte[] staged = new byte[4096];
  private int used;

  ScratchArena(LinuxKernel kernel, long base, int size) {
    this.kernel = kernel;
    this.base = base;
    this.size = size;
  }

  long base() {
    return base;
  }

  int size() {
    return size;
  }

  void reset() {
    used = 0;
  }

  /** Reserves {@code length} zeroed bytes (an output buffer) and returns its tracee address. */
  long reserve(int length) {
    int start = align(used);
    int end = start + length;
    if (end > size) {
      throw new IllegalStateException("sentry scratch arena full: need " + end + " bytes of " + size
          + " (argument list or environment too large?)");
    }
    if (end > staged.length) {
      staged = Arrays.copyOf(staged, Math.max(end, staged.length * 2));
    }
    Arrays.fill(staged, start, end, (byte) 0);
    used = end;
    return base + start;
  }

  long putBytes(byte[] data) {
    long address = reserve(data.length);
    System.arraycopy(data, 0, staged, (int) (address - base), data.length);
    return address;
  }

  /** A NUL-terminated UTF-8 string. */
  long putString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (indexOfNul(utf8) >= 0) {
      throw new IllegalArgumentException("string contains a NUL byte: " + s.replace('\0', '@'));
    }
    return putBytes(Arrays.copyOf(utf8, utf8.length + 1));
  }

  /** A NULL-terminated array of pointers to NUL-terminated strings (argv/envp). */
  long putStringArray(List<String> strings) {
    long[] pointers = new long[strings.size() + 1];
    for (int i = 0; i < strings.size(); i++) {
      pointers[i] = putString(strings.get(i));
    }
    return putLongs(pointers);
  }

  long putLongs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.nativeOrder());
    for (long v : values) {
      b.putLong(v);
    }
    return putBytes(b.array());
  }

  long putInts(int... values) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(4, values.length * 4)).order(ByteOrder.nativeOrder());
    for (int v : values) {
      b.putInt(v);
    }
    return putBytes(b.array());
  }

  /** Writes everything staged since the last reset into the tracee. */
  void flush(int pid) {
    if (used > 0) {
      kernel.writeMemory(pid, base, staged, 0, used);
    }
  }

  /** Reads back {@code length} bytes at a tracee address handed out by this arena (an output buffer). */
  byte[] read(int pid, long address, int length) {
    byte[] out = new byte[length];
    int n = kernel.readMemory(pid, address, out, 0, length);
    return n == length ? out : Arrays.copyOf(out, n);
  }

  private static int align(int offset) {
    return (offset + 15) & ~15;
  }

  private static int indexOfNul(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
