package dev.bramble.runtime.arch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One architecture's syscall names and numbers, read from {@code dev/bramble/runtime/arch/<uname>/syscalls.tsv}.
 *
 * <p>Those files are generated from the kernel's uapi headers by {@code tools/arch/gen-syscall-tables.sh}; do not
 * edit them by hand. Code asks for syscalls by name, so a syscall an architecture lacks (aarch64 has no {@code
 * open}, {@code fork} or {@code stat}) is reported as absent rather than resolved to a wrong number.
 */
public final class SyscallTable {
  private static final Map<Arch, SyscallTable> LOADED = new EnumMap<>(Arch.class);

  private final Arch arch;
  private final Map<String, Integer> numbers;
  private final Map<Integer, String> names;

  private SyscallTable(Arch arch, Map<String, Integer> numbers, Map<Integer, String> names) {
    this.arch = arch;
    this.numbers = Collections.unmodifiableMap(numbers);
    this.names = names;
  }

  /** The table of {@code arch}, parsed from its resource on first use and shared afterwards. */
  public static SyscallTable of(Arch arch) {
    synchronized (LOADED) {
      return LOADED.computeIfAbsent(arch, SyscallTable::load);
    }
  }

  /** The resource path of an architecture's table, e.g. {@code dev/bramble/runtime/arch/aarch64/syscalls.tsv}. */
  public static String resourcePath(Arch arch) {
    return "dev/bramble/runtime/arch/" + arch.unameName() + "/syscalls.tsv";
  }

  private static SyscallTable load(Arch arch) {
    String resource = resourcePath(arch);
    InputStream in = SyscallTable.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "syscall table resource " + resource + " is missing from the classpath; the bramble jar is incomplete");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(arch, resource, r);
    } catch (IOException e) {
      throw new UncheckedIOException("reading syscall table " + resource, e);
    }
  }

  /**
   * Parses {@code name<TAB>number} lines in ascending number order; {@code #} starts a comment line. Visible for
   * tests.
   */
  static SyscallTable parse(Arch arch, String source, BufferedReader r) throws IOException {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    Map<Integer, String> names = new HashMap<>();
    String line;
    int lineNo = 0;
    int previous = -1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != 2 || fields[0].isEmpty()) {
        throw malformed(source, lineNo, line, "expected 'name<TAB>number'");
      }
      int nr;
      try {
        nr = Integer.parseInt(fields[1]);
      } catch (NumberFormatException e) {
        throw malformed(source, lineNo, line, "the number is not a decimal integer");
      }
      if (nr <= previous) {
        throw malformed(source, lineNo, line, "numbers must be unique and ascending (previous " + previous + ")");
      }
      previous = nr;
      if (numbers.putIfAbsent(fields[0], nr) != null) {
        throw malformed(source, lineNo, line, "syscall '" + fields[0] + "' is listed twice");
      }
      names.put(nr, fields[0]);
    }
    if (numbers.isEmpty()) {
      throw new IllegalStateException("syscall table " + source + " has no entries; regenerate it");
    }
    return new SyscallTable(arch, numbers, names);
  }

  private static IllegalStateException malformed(String source, int lineNo, String line, String why) {
    return new IllegalStateException(
        "syscall table "
            + source
            + " line "
            + lineNo
            + " '"
            + line
            + "': "
            + why
            + "; regenerate it with tools/arch/gen-syscall-tables.sh");
  }

  /** The architecture this table describes. */
  public Arch arch() {
    return arch;
  }

  /** The number of syscall {@code name} on this architecture, or empty if the architecture has no such syscall. */
  public OptionalInt number(String name) {
    Integer nr = numbers.get(name);
    return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
  }

  /**
   * The number of a syscall that must exist, e.g. one the sentry injects.
   *
   * @throws IllegalArgumentException naming the syscall and the architecture when it does not exist there
   */
  public int require(String name) {
    Integer nr = numbers.get(name);
    if (nr == null) {
      throw new IllegalArgumentException(
          "syscall '"
              + name
              + "' does not exist on "
              + arch.unameName()
              + " ("
              + numbers.size()
              + " syscalls known); use its portable replacement (e.g. openat for open, clone for fork)");
    }
    return nr;
  }

  /** The name of syscall number {@code nr}, or empty if the number is unassigned on this architecture. */
  public Optional<String> name(int nr) {
    return Optional.ofNullable(names.get(nr));
  }

  /** Every syscall name of this architecture, in ascending number order. */
  public Set<String> names() {
    return numbers.keySet();
  }

  /** How many syscalls this architecture has. */
  public int size() {
    return numbers.size();
  }

  @Override
  public String toString() {
    return "SyscallTable[" + arch.unameName() + ", " + numbers.size() + " syscalls]";
  }
}
