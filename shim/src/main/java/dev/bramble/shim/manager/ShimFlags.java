package dev.bramble.shim.manager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * containerd's command line for a shim, parsed the way Go's {@code flag} package does (single or double dash,
 * {@code -name value} or {@code -name=value}, boolean flags without a value, parsing stops at the first word that is
 * not a flag), except that unknown flags are accepted: newer containerd versions add some.
 *
 * @param action "start", "delete", or empty for the daemon
 */
public record ShimFlags(Map<String, String> values, String action) {
  /** Flags that take no value (Go's bool flags); any other takes the next argument unless given with '='. */
  private static final Set<String> BOOLEAN = Set.of("debug", "v", "version", "info");
  private static final Set<String> ACTIONS = Set.of("start", "delete");

  public static ShimFlags parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    int i = 0;
    while (i < args.length) {
      String a = args[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      String name = a.substring(a.startsWith("--") ? 2 : 1);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        values.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (BOOLEAN.contains(name) || i + 1 >= args.length || ACTIONS.contains(args[i + 1])) {
        values.put(name, "true"); // an unknown flag right before the action word is taken as a boolean
      } else {
        values.put(name, args[++i]);
      }
      i++;
    }
    String action = i < args.length ? args[i] : "";
    return new ShimFlags(Map.copyOf(values), action);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String require(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("containerd-shim-bramble-v1: missing -" + name
          + "; this binary is run by containerd (ctr run --runtime io.containerd.bramble.v1)");
    }
    return v;
  }

  public boolean flag(String name) {
    String v = values.get(name);
    return v != null && !v.equals("false") && !v.equals("0");
  }

  /** The daemon's command line: what {@code start} passes on (runc's shim: -namespace -id -address [-debug]). */
  public List<String> daemonArgs(String protocol) {
    List<String> out = new java.util.ArrayList<>(List.of("-namespace", require("namespace"), "-id", require("id"),
        "-address", require("address")));
    get("publish-binary").ifPresent(p -> out.addAll(List.of("-publish-binary", p)));
    if (flag("debug")) {
      out.add("-debug");
    }
    if (!protocol.equals("ttrpc")) {
      out.addAll(List.of("-bramble-protocol", protocol));
    }
    return out;
  }
}
