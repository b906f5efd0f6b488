package dev.bramble.testbundles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The config.json corpus shipped in this module's resources: {@code invalid-configs/} (each file
 * paired with the problems it must produce) and {@code valid-configs/}. Runtime tests can feed the
 * same files to the binary ({@code bramble create}) and expect the same paths in its error.
 */
public final class ConfigCorpus {
  private ConfigCorpus() {}

  /** One problem an invalid config must produce: its JSON path and a fragment of its message. */
  public record Expectation(String path, String messageFragment) {}

  /** One config file; {@code expected} is empty for valid ones. */
  public record Entry(String name, String json, List<Expectation> expected) {
    public Entry {
      expected = List.copyOf(expected);
    }
  }

  /** Every invalid config with its expectations, in index order. */
  public static List<Entry> invalid() {
    List<Entry> entries = new ArrayList<>();
    for (String name : index("invalid-configs")) {
      String json = resource("invalid-configs/" + name + ".json");
      entries.add(
          new Entry(
              name, json, parseExpect(name, resource("invalid-configs/" + name + ".expect"))));
    }
    return entries;
  }

  /** Every valid config. */
  public static List<Entry> valid() {
    List<Entry> entries = new ArrayList<>();
    for (String name : index("valid-configs")) {
      entries.add(new Entry(name, resource("valid-configs/" + name + ".json"), List.of()));
    }
    return entries;
  }

  /** Parses "path: P" / "message: M" pairs; '#' lines are comments. An empty P is the document. */
  static List<Expectation> parseExpect(String name, String text) {
    List<Expectation> expectations = new ArrayList<>();
    String path = null;
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("path:")) {
        if (path != null) {
          throw new IllegalStateException(
              name + ".expect:" + lineNumber + ": path without message");
        }
        path = line.substring("path:".length()).strip();
      } else if (line.startsWith("message:") && path != null) {
        expectations.add(new Expectation(path, line.substring("message:".length()).strip()));
        path = null;
      } else {
        throw new IllegalStateException(
            name + ".expect:" + lineNumber + ": expected \"path: ...\" then \"message: ...\"");
      }
    }
    if (path != null || expectations.isEmpty()) {
      throw new IllegalStateException(name + ".expect: needs at least one path/message pair");
    }
    return expectations;
  }

  private static List<String> index(String dir) {
    List<String> names = new ArrayList<>();
    for (String line : resource(dir + "/index.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.strip());
      }
    }
    return names;
  }

  private static String resource(String name) {
    try (InputStream in = ConfigCorpus.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("corpus resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus resource " + name, e);
    }
  }
}
