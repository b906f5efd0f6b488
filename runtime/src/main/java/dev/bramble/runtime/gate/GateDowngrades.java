package dev.bramble.runtime.gate;

import dev.bramble.runtime.error.BrambleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gates the operator lets through as warnings: from the runtime flag {@code --gate-warn id[,id...]} and from the
 * bundle's {@code dev.bramble.gate.<id>=warn} annotations. Each downgrade remembers its origin, because a downgraded
 * failure is always logged with who asked for it.
 *
 * @param origins gate id to origin ("flag --gate-warn", "annotation dev.bramble.gate.va-bits=warn")
 */
public record GateDowngrades(Map<String, String> origins) {
  public static final String FLAG = "--gate-warn";
  public static final GateDowngrades NONE = new GateDowngrades(Map.of());

  public GateDowngrades {
    origins = Map.copyOf(origins);
  }

  /**
   * Parses the values of {@code --gate-warn} (repeatable, each a comma-separated list).
   *
   * @throws BrambleException naming the bad id and listing the valid ones
   */
  public static GateDowngrades fromFlag(List<String> values) {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String value : values) {
      for (String raw : value.split(",")) {
        String id = raw.trim();
        if (id.isEmpty()) {
          continue;
        }
        if (!GateIds.ALL.contains(id)) {
          throw BrambleException.of(
              "parse " + FLAG, "'" + value + "'", "unknown gate id '" + id + "'",
              "use one of: " + String.join(", ", GateIds.ALL));
        }
        if (!GateIds.downgradable(id)) {
          throw BrambleException.of(
              "parse " + FLAG, "'" + value + "'", "the " + id + " gate cannot be downgraded",
              "fix the bundle's dev.bramble.* annotations instead");
        }
        origins.put(id, "flag " + FLAG + " " + id);
      }
    }
    return new GateDowngrades(origins);
  }

  /** These downgrades plus the workload's own; the flag's origin is kept when both name a gate. */
  public GateDowngrades with(WorkloadDeclarations declarations) {
    Map<String, String> merged = new LinkedHashMap<>(declarations.downgrades());
    merged.putAll(origins);
    return new GateDowngrades(merged);
  }

  public boolean contains(String id) {
    return origins.containsKey(id);
  }
}
