package dev.bramble.shim.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <socket>.ready}: what a warm namespace daemon publishes so that the launcher's {@code start} can join it
 * without a JVM (lib/shim-fast-start.sh reads it). One {@code key=value} per line after a version line.
 *
 * <p>The launcher may answer for the daemon only when the {@code start} in front of it would have chosen that daemon
 * itself, i.e. when every input that decides the grouping is what it was when the daemon started: the runtime
 * options on stdin (byte for byte), the config file they name (by digest) and the {@code BRAMBLE_SHIM_*}
 * environment. So a pod-mode container is never captured by a namespace daemon, and an edited config takes effect
 * at the next start. The pid with its start time identifies the daemon beyond pid reuse.
 *
 * @param print exactly what {@code start} prints: the address, or for gRPC the JSON line
 */
public record ReadyFile(int pid, long startTime, String optionsSha256, String configPath, String configSha256,
    Map<String, String> env, String print) {
  static final String HEADER = "bramble-shim-ready 1";
  /** The environment that can change the grouping, the protocol or the idle time. */
  public static final List<String> ENV = List.of("BRAMBLE_SHIM_GROUP", "BRAMBLE_SHIM_PROTOCOL",
      "BRAMBLE_SHIM_IDLE_EXIT");

  public ReadyFile {
    env = Map.copyOf(env);
  }

  /** This process's values of {@link #ENV}, unset as empty (ShimConfig ignores an empty override too). */
  public static Map<String, String> envOf(Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : ENV) {
      out.put(name, environment.getOrDefault(name, ""));
    }
    return out;
  }

  /** @throws IllegalArgumentException when a value cannot be one line (the reader could be misled) */
  public String render() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    line(b, "pid", Integer.toString(pid));
    line(b, "start-time", Long.toString(startTime));
    line(b, "options-sha256", optionsSha256);
    line(b, "config", configPath);
    line(b, "config-sha256", configSha256);
    for (String name : ENV) {
      line(b, "env-" + name, env.getOrDefault(name, ""));
    }
    line(b, "print", print);
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
      throw new IllegalArgumentException("ready file: " + key + " has a line break or NUL; the fast start path "
          + "stays off for this daemon");
    }
    b.append(key).append('=').append(value).append('\n');
  }

  /** The inverse of {@link #render}, for tests and diagnostics; empty when the text is not a ready file. */
  public static Optional<ReadyFile> parse(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      return Optional.empty();
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq > 0) {
        kv.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
      }
    }
    try {
      Map<String, String> env = new LinkedHashMap<>();
      ENV.forEach(n -> env.put(n, kv.getOrDefault("env-" + n, "")));
      return Optional.of(new ReadyFile(Integer.parseInt(kv.get("pid")), Long.parseLong(kv.get("start-time")),
          kv.get("options-sha256"), kv.get("config"), kv.get("config-sha256"), env, kv.get("print")));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Atomically (a temp file renamed over it): a reader sees the old file, the new one or none, never half. */
  public void publish(Path path) throws IOException {
    Path tmp = Path.of(path + ".tmp");
    Files.deleteIfExists(tmp);
    Files.writeString(Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------"))), render());
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public static void withdraw(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
