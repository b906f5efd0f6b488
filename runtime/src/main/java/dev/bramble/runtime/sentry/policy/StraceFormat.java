package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.arch.RegisterLayout;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a trapped syscall as strace does, {@code openat(AT_FDCWD, "/etc/hosts", 0x80000, 0)}, from the argument
 * kinds in {@code strace-signatures.tsv}. Strings and buffers are read from the tracee for the log line only; by the
 * time anyone reads the line the tracee may have changed them, so nothing is ever decided on them.
 */
public final class StraceFormat {
  public static final String RESOURCE = "dev/bramble/runtime/sentry/policy/strace-signatures.tsv";
  private static final int MAX_STRING = 256, MAX_BUFFER = 32, MAX_ARGV = 16;
  private static final long AT_FDCWD = -100;

  /** One syscall's argument kinds, and whether its return value is an address. */
  record Signature(List<String> kinds, boolean returnsAddress) {}

  private static volatile Map<String, Signature> table;

  private final LinuxKernel kernel;
  private final RegisterLayout layout;

  public StraceFormat(LinuxKernel kernel, RegisterLayout layout) {
    this.kernel = kernel;
    this.layout = layout;
    signatures();
  }

  /** "name(arg, arg, ...)" from the registers of a seccomp stop. */
  public String call(int tid, String name, long[] regs) {
    Signature sig = signatures().get(name);
    StringBuilder out = new StringBuilder(name).append('(');
    if (sig == null) {
      for (int i = 0; i < 6; i++) {
        out.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(layout.arg(regs, i)));
      }
    } else {
      List<String> kinds = sig.kinds();
      for (int i = 0; i < kinds.size(); i++) {
        long next = i + 1 < 6 ? layout.arg(regs, i + 1) : 0;
        out.append(i == 0 ? "" : ", ").append(argument(tid, kinds.get(i), layout.arg(regs, i), next));
      }
    }
    return out.append(')').toString();
  }

  /** " = 3", " = 0x7f...", or " = -1 ENOENT (no such file or directory)". */
  public static String result(String name, long rv) {
    if (Errno.isError(rv)) {
      return " = -1 " + Errno.describe((int) -rv);
    }
    Signature sig = signatures().get(name);
    return sig != null && sig.returnsAddress() ? " = 0x" + Long.toHexString(rv) : " = " + rv;
  }

  private String argument(int tid, String kind, long v, long next) {
    return switch (kind) {
      case "fd", "int", "sig" -> Integer.toString((int) v);
      case "dirfd" -> (int) v == AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) v);
      case "long" -> Long.toString(v);
      case "size" -> Long.toUnsignedString(v);
      case "oct" -> "0" + Long.toOctalString(v);
      case "ptr" -> v == 0 ? "NULL" : "0x" + Long.toHexString(v);
      case "path" -> v == 0 ? "NULL" : quote(readString(tid, v, MAX_STRING));
      case "buf" -> v == 0 ? "NULL" : quote(read(tid, v, (int) Math.min(Math.max(next, 0), MAX_BUFFER)))
          + (Long.compareUnsigned(next, MAX_BUFFER) > 0 ? "..." : "");
      case "argv" -> v == 0 ? "NULL" : argv(tid, v);
      default -> "0x" + Long.toHexString(v);
    };
  }

  private String argv(int tid, long address) {
    byte[] pointers = read(tid, address, MAX_ARGV * 8);
    ByteBuffer b = ByteBuffer.wrap(pointers).order(ByteOrder.nativeOrder());
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i + 8 <= pointers.length; i += 8) {
      long p = b.getLong(i);
      if (p == 0) {
        return out.append(']').toString();
      }
      out.append(i == 0 ? "" : ", ").append(quote(readString(tid, p, MAX_STRING)));
    }
    return out.append(", ...]").toString();
  }

  private byte[] readString(int tid, long address, int max) {
    byte[] b = read(tid, address, max);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return java.util.Arrays.copyOf(b, i);
      }
    }
    return b;
  }

  private byte[] read(int tid, long address, int length) {
    byte[] b = new byte[length];
    int n = 0;
    // page by page: a string near the end of a mapping must not fail because the next page is unmapped
    while (n < length) {
      int chunk = (int) Math.min(length - n, 4096 - ((address + n) & 4095));
      int got;
      try {
        got = kernel.readMemory(tid, address + n, b, n, chunk);
      } catch (SyscallException e) {
        break;
      }
      n += got;
      if (got < chunk) {
        break;
      }
    }
    return n == length ? b : java.util.Arrays.copyOf(b, n);
  }

  static String quote(byte[] bytes) {
    StringBuilder s = new StringBuilder("\"");
    for (byte x : bytes) {
      int c = x & 0xff;
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            s.append((char) c);
          } else {
            s.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    return s.append('"').toString();
  }

  static Map<String, Signature> signatures() {
    Map<String, Signature> t = table;
    if (t == null) {
      InputStream in = StraceFormat.class.getClassLoader().getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath; the bramble jar is incomplete");
      }
      t = new HashMap<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t");
          List<String> kinds = f.length > 1 && !f[1].isBlank() ? List.of(f[1].trim().split(" ")) : List.of();
          t.put(f[0], new Signature(kinds, f.length > 2 && f[2].equals("=hex")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      }
      table = t;
    }
    return t;
  }
}
