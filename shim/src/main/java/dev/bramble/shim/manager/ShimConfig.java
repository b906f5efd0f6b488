package dev.bramble.shim.manager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shim's own settings, from the file named by the runtime options' {@code config_path} (containerd's
 * {@code [plugins...runtimes.bramble.options] ConfigPath = "/etc/bramble/shim.toml"}, or
 * {@code ctr run --runtime-config-path}). One key so far, in TOML syntax: {@code protocol = "grpc"} makes the
 * shim serve the v3 Task API over gRPC for containerd 1.7/2.x (default "ttrpc", which every containerd speaks).
 */
public record ShimConfig(String protocol) {
  public static final ShimConfig DEFAULT = new ShimConfig("ttrpc");

  public static ShimConfig read(Optional<String> path) {
    String env = System.getenv("BRAMBLE_SHIM_PROTOCOL");
    ShimConfig config = path.map(ShimConfig::parseFile).orElse(DEFAULT);
    return env != null && !env.isEmpty() ? new ShimConfig(validProtocol(env, "BRAMBLE_SHIM_PROTOCOL")) : config;
  }

  static ShimConfig parseFile(String path) {
    String text;
    try {
      text = Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("read shim config " + path + " (runtime options config_path): "
          + e.getMessage() + "; fix ConfigPath in containerd's runtime options");
    }
    return parse(text, path);
  }

  static ShimConfig parse(String text, String source) {
    String protocol = DEFAULT.protocol();
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
      if (key.equals("protocol")) {
        protocol = validProtocol(value, source + ":" + (n + 1) + ": protocol");
      }
    }
    return new ShimConfig(protocol);
  }

  private static String validProtocol(String value, String where) {
    if (!value.equals("ttrpc") && !value.equals("grpc")) {
      throw new IllegalArgumentException(where + ": unknown protocol \"" + value + "\"; use \"ttrpc\" or \"grpc\"");
    }
    return value;
  }
}
