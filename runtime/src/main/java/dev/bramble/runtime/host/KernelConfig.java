package dev.bramble.runtime.host;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;

/**
 * The kernel's build configuration, when the host publishes it. It is read only to explain what was measured: it
 * states what the kernel was compiled for, not what it runs with (a 5-level x86 kernel runs 4-level on a CPU without
 * la57; a 52-bit arm64 kernel falls back to 48 or 47 bits without LVA/LPA2).
 *
 * @param values {@code CONFIG_*} names to their value ({@code y}, {@code m}, a number or a quoted string); options
 *     written as "is not set" are absent
 * @param source the file it came from, or the list of places searched when none was found
 * @param found whether any config file was found
 */
public record KernelConfig(Map<String, String> values, String source, boolean found) {
  public KernelConfig {
    values = Map.copyOf(values);
  }

  /** Looks in the usual places, in the order distributions use them. */
  public static KernelConfig read(HostFiles files, String release) {
    List<String> searched = new ArrayList<>();
    String gz = "/proc/config.gz";
    searched.add(gz);
    Optional<byte[]> compressed = files.bytes(gz);
    if (compressed.isPresent()) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.get()))) {
        return new KernelConfig(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), gz, true);
      } catch (IOException e) {
        searched.set(0, gz + " (unreadable: " + e.getMessage() + ")");
      }
    }
    for (String plain : List.of("/boot/config-" + release, "/lib/modules/" + release + "/config")) {
      searched.add(plain);
      Optional<String> text = files.read(plain);
      if (text.isPresent()) {
        return new KernelConfig(parse(text.get()), plain, true);
      }
    }
    return new KernelConfig(Map.of(), "not found (looked in " + String.join(", ", searched) + ")", false);
  }

  static Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (l.startsWith("CONFIG_")) {
        int eq = l.indexOf('=');
        if (eq > 0) {
          values.put(l.substring(0, eq), l.substring(eq + 1));
        }
      }
    }
    return values;
  }

  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** {@code y} or {@code m}. Empty when the config is unknown; false when the option is not set. */
  public Optional<Boolean> enabled(String name) {
    if (!found) {
      return Optional.empty();
    }
    String v = values.get(name);
    return Optional.of("y".equals(v) || "m".equals(v));
  }

  public OptionalInt intValue(String name) {
    String v = values.get(name);
    if (v == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** The page size the kernel was built for, from CONFIG_ARM64_{4K,16K,64K}_PAGES (arm64 only). */
  public Optional<Long> arm64PageSize() {
    if ("y".equals(values.get("CONFIG_ARM64_4K_PAGES"))) {
      return Optional.of(4096L);
    }
    if ("y".equals(values.get("CONFIG_ARM64_16K_PAGES"))) {
      return Optional.of(16384L);
    }
    if ("y".equals(values.get("CONFIG_ARM64_64K_PAGES"))) {
      return Optional.of(65536L);
    }
    return Optional.empty();
  }

  /**
   * The widest user address space the kernel was compiled for, with the option that says so: CONFIG_ARM64_VA_BITS
   * on arm64; 56 bits for 5-level and 47 for 4-level paging on x86_64 (CONFIG_PGTABLE_LEVELS / CONFIG_X86_5LEVEL).
   */
  public Optional<Sourced<Integer>> compiledVaBits() {
    OptionalInt arm = intValue("CONFIG_ARM64_VA_BITS");
    if (arm.isPresent()) {
      return Optional.of(Sourced.of(arm.getAsInt(), "CONFIG_ARM64_VA_BITS=" + arm.getAsInt()));
    }
    OptionalInt levels = intValue("CONFIG_PGTABLE_LEVELS");
    if (values.containsKey("CONFIG_X86_64") || values.containsKey("CONFIG_X86_5LEVEL")) {
      boolean fiveLevel = "y".equals(values.get("CONFIG_X86_5LEVEL")) || levels.orElse(4) == 5;
      String why = levels.isPresent() ? "CONFIG_PGTABLE_LEVELS=" + levels.getAsInt() : "CONFIG_X86_5LEVEL=y";
      return Optional.of(Sourced.of(fiveLevel ? 56 : 47, why + (fiveLevel ? ", 5-level paging" : ", 4-level paging")));
    }
    return Optional.empty();
  }
}
