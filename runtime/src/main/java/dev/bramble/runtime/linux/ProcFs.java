package dev.bramble.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads /proc files correctly. procfs reports size 0, so {@code Files.readString} reads one byte first and then
 * continues at offset 1 — and /proc/sys integer files answer any read at a non-zero offset with EOF ("40" reads as
 * "4"). One large read from offset 0 gets the whole value.
 */
public final class ProcFs {
  private ProcFs() {}

  public static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
