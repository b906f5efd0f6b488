package dev.bramble.shim.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The shim's own settings, from the file named by the runtime options' {@code config_path} (containerd's
 * {@code [plugins...runtimes.bramble.options] ConfigPath = "/etc/bramble/shim.toml"}, or
 * {@code ctr run --runtime-config-path}), in TOML syntax, each overridable by an environment variable:
 * <ul>
 *   <li>{@code protocol = "grpc"} ({@code BRAMBLE_SHIM_PROTOCOL}): serve the v3 Task API over gRPC for containerd
 *       1.7/2.x (default "ttrpc", which every containerd speaks);
 *   <li>{@code group = "namespace"} ({@code BRAMBLE_SHIM_GROUP}): one shim daemon per containerd namespace instead
 *       of one per pod (default "pod");
 *   <li>{@code idle_exit = "300"} ({@code BRAMBLE_SHIM_IDLE_EXIT}): seconds a namespace daemon stays without a
 *       container before it exits (ignored in pod mode, whose daemon exits with its pod).
 * </ul>
 *
 * @param fileSha256 hex sha256 of the file's bytes as parsed ("" without a file): a warm namespace daemon answers a
 *     {@code start} without a JVM only while the file still says what it said when the daemon started
 */
public record ShimConfig(String protocol, Group group, int idleExitSeconds, String fileSha256) {
  public static final int DEFAULT_IDLE_EXIT = 300;
  /** A day: a longer-lived idle daemon is a leak, not a cache. */
  static final int MAX_IDLE_EXIT = 86_400;
  public static final ShimConfig DEFAULT = new ShimConfig("ttrpc", Group.POD, DEFAULT_IDLE_EXIT, "");

  /** How containers are grouped into shim daemons. */
  public enum Group {
    /** One daemon per CRI pod (the sandbox-id annotation), else per container: containerd's own shims' rule. */
    POD("pod"),
    /** One daemon per (containerd address, namespace), kept warm for {@code idle_exit} seconds. */
    NAMESPACE("namespace");

    private final String configName;

    Group(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }
  }

  public boolean namespaceMode() {
    return group == Group.NAMESPACE;
  }

  public static ShimConfig read(Optional<String> path) {
    return read(path, System.getenv());
  }

  static ShimConfig read(Optional<String> path, Map<String, String> env) {
    ShimConfig c = path.map(ShimConfig::parseFile).orElse(DEFAULT);
    String protocol = env.getOrDefault("BRAMBLE_SHIM_PROTOCOL", "");
    String group = env.getOrDefault("BRAMBLE_SHIM_GROUP", "");
    String idle = env.getOrDefault("BRAMBLE_SHIM_IDLE_EXIT", "");
    return new ShimConfig(
        protocol.isEmpty() ? c.protocol() : validProtocol(protocol, "BRAMBLE_SHIM_PROTOCOL"),
        group.isEmpty() ? c.group() : validGroup(group, "BRAMBLE_SHIM_GROUP"),
        idle.isEmpty() ? c.idleExitSeconds() : validIdleExit(idle, "BRAMBLE_SHIM_IDLE_EXIT"),
        c.fileSha256());
  }

  static ShimConfig parseFile(String path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("read shim config " + path + " (runtime options config_path): "
          + e.getMessage() + "; fix ConfigPath in containerd's runtime options");
    }
    ShimConfig parsed = parse(new String(bytes, StandardCharsets.UTF_8), path);
    return new ShimConfig(parsed.protocol(), parsed.group(), parsed.idleExitSeconds(), ReadyFile.sha256(bytes));
  }

  static ShimConfig parse(String text, String source) {
    String protocol = DEFAULT.protocol();
    Group group = DEFAULT.group();
    int idleExit = DEFAULT.idleExitSeconds();
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].replaceFirst("#.*$", "").trim();
      if (line.isEmpty() || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(source + ":" + (n + 1) + ": expected key = value, got \"" + line + "\"");
      }
      String key = line.substring(0, eq).trim();
      String value = line.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
      String where = source + ":" + (n + 1) + ": " + key;
      switch (key) {
        case "protocol" -> protocol = validProtocol(value, where);
        case "group" -> group = validGroup(value, where);
        case "idle_exit" -> idleExit = validIdleExit(value, where);
        default -> { } // keys of later versions are left to them
      }
    }
    return new ShimConfig(protocol, group, idleExit, "");
  }

  private static String validProtocol(String value, String where) {
    if (!value.equals("ttrpc") && !value.equals("grpc")) {
      throw new IllegalArgumentException(where + ": unknown protocol \"" + value + "\"; use \"ttrpc\" or \"grpc\"");
    }
    return value;
  }

  private static Group validGroup(String value, String where) {
    for (Group g : Group.values()) {
      if (g.configName().equals(value)) {
        return g;
      }
    }
    throw new IllegalArgumentException(where + ": unknown group \"" + value + "\"; use \"pod\" (one shim daemon "
        + "per pod, the default) or \"namespace\" (one per containerd namespace)");
  }

  private static int validIdleExit(String value, String where) {
    int seconds;
    try {
      seconds = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > MAX_IDLE_EXIT || !value.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(where + ": \"" + value + "\" is not a number of seconds from 1 to "
          + MAX_IDLE_EXIT + "; e.g. idle_exit = \"300\" keeps an idle namespace shim for five minutes");
    }
    return seconds;
  }
}
