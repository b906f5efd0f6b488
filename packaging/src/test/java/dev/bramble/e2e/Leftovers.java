package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container may leave behind once deleted or failed: nothing. Its processes carry a marker in their
 * environment (set in config.json), the sentry carries the --root in its command line, and mounts would name the
 * bundle.
 */
final class Leftovers {
  private Leftovers() {}

  static List<String> find(Path root, Path bundle, String marker) throws IOException {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
        for (Path d : dirs) {
          found.add("state: " + d);
        }
      }
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path p : procs) {
        String environ = read(p.resolve("environ"));
        String cmdline = read(p.resolve("cmdline"));
        String status = read(p.resolve("status"));
        if (status.contains("State:\tZ")) {
          continue;
        }
        if (marker != null && environ.contains(marker)) {
          found.add("container process " + p.getFileName() + ": " + cmdline);
        } else if (cmdline.contains(root.toString()) && cmdline.contains("SentryDaemon")) {
          found.add("sentry " + p.getFileName());
        }
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(bundle.toString())) {
        found.add("mount: " + line);
      }
    }
    return found;
  }

  static void assertNone(Path root, Path bundle, String marker) throws IOException {
    assertEquals(List.of(), find(root, bundle, marker));
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
