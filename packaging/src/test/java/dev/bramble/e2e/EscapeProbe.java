package dev.bramble.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escape probe ({@code escape-probe.c} in the test resources), compiled once per test JVM with
 * {@code gcc -static} (dev/install-deps installs gcc and libc6-dev) and copied into bundles as /bin/escape-probe.
 */
final class EscapeProbe {
  static final String PATH_IN_CONTAINER = "/bin/escape-probe";
  private static Path binary;

  private EscapeProbe() {}

  /** The static probe binary for this host, built on first use. */
  static synchronized Path binary() throws IOException {
    if (binary == null) {
      Path dir = Files.createTempDirectory("bramble-escape-probe");
      Path source = dir.resolve("escape-probe.c");
      try (InputStream in = EscapeProbe.class.getResourceAsStream("escape-probe.c")) {
        if (in == null) {
          throw new IllegalStateException("escape-probe.c is missing from the test resources");
        }
        Files.copy(in, source);
      }
      Path out = dir.resolve("escape-probe");
      Cli.Result gcc = Cli.run(List.of("gcc", "-static", "-O1", "-Wall", "-o", out.toString(),
          source.toString()), 120);
      if (gcc.exit() != 0) {
        throw new IllegalStateException("gcc -static escape-probe.c failed (install gcc and libc6-dev, as "
            + "dev/install-deps does): " + gcc.all());
      }
      binary = out;
    }
    return binary;
  }

  /** Copies the probe into a built bundle's rootfs. */
  static void install(Path bundle) {
    try {
      Path target = bundle.resolve("rootfs/bin/escape-probe");
      Files.copy(binary(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The probe's NAME=RESULT lines, in order. */
  static Map<String, String> parse(String out) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        results.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return results;
  }

  /** The syscall behind a probe key (ptrace_attach → ptrace). */
  static String syscall(String key) {
    return switch (key) {
      case "ptrace_attach", "ptrace_seize", "ptrace_traceme" -> "ptrace";
      case "socket_packet", "socket_raw4", "socket_raw6", "socket_tcp" -> "socket";
      case "ioctl_tiocsti", "ioctl_tiocsti_upper_bits", "ioctl_tcgets" -> "ioctl";
      case "personality_query", "personality_change" -> "personality";
      default -> key;
    };
  }
}
