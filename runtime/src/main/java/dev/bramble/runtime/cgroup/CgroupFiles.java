package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and writing cgroup interface files. A value is written with one write(2), as the kernel parses each
 * write on its own; files are read as streams, never by their (zero) stat size.
 */
final class CgroupFiles {
  private CgroupFiles() {}

  /** Writes {@code value}; the exception names the file, the value and the kernel's reason. */
  static void write(Path dir, String file, String value) throws IOException {
    Files.write(dir.resolve(file), value.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
  }

  /** As {@link #write}, turning a failure into a message naming the setting ({@code jsonPath}). */
  static void write(Path dir, CgroupWrite w) {
    try {
      write(dir, w.file(), w.value());
    } catch (NoSuchFileException e) {
      throw new BrambleException(w.jsonPath() + ": cannot write " + w.value() + " to " + dir.resolve(w.file())
          + ": the file does not exist (the kernel lacks the " + (w.controller().isEmpty() ? "feature"
          : w.controller() + " controller or this feature") + "); remove the setting from config.json");
    } catch (IOException e) {
      throw new BrambleException(w.jsonPath() + ": the kernel refused " + w.value() + " for "
          + dir.resolve(w.file()) + ": " + IoReasons.describe(e) + "; check the value's range and unit in the"
          + " runtime-spec (config-linux.md), and the parent cgroup's limits");
    }
  }

  static Optional<String> read(Path dir, String file) {
    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A file of one number; "max" (v2's "no limit") and missing files read as empty. */
  static Optional<Long> readLong(Path dir, String file) {
    return read(dir, file).flatMap(CgroupFiles::parseLong);
  }

  static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseUnsignedLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** "key value" lines (memory.stat, cpu.stat, memory.events) into an ordered map; unparsable lines skipped. */
  static Map<String, Long> readKeyValues(Path dir, String file) {
    Map<String, Long> out = new LinkedHashMap<>();
    read(dir, file).ifPresent(text -> {
      for (String line : text.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2) {
          parseLong(f[1]).ifPresent(v -> out.put(f[0], v));
        }
      }
    });
    return out;
  }
}
