package dev.bramble.runtime.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a workload declares about itself through config.json annotations, so an image that cannot work on a node
 * fails at create there instead of crashing later:
 *
 * <ul>
 *   <li>{@code dev.bramble.min-va-bits}: the virtual address width it needs ("48" for TCMalloc, i.e. Envoy; ScyllaDB)
 *   <li>{@code dev.bramble.page-size}: the only page size it works with ("4096" for a jemalloc built for 4K pages)
 *   <li>{@code dev.bramble.gate.<gate-id>=warn}: run even though that gate fails (logged as a warning)
 * </ul>
 *
 * @param problems annotation errors, each naming the annotation, what was found and what is expected
 */
public record WorkloadDeclarations(
    OptionalInt minVaBits, OptionalLong pageSize, Map<String, String> downgrades, List<String> problems) {

  public static final String PREFIX = "dev.bramble.";
  public static final String MIN_VA_BITS = "dev.bramble.min-va-bits";
  public static final String PAGE_SIZE = "dev.bramble.page-size";
  public static final String GATE_PREFIX = "dev.bramble.gate.";

  public static final WorkloadDeclarations NONE =
      new WorkloadDeclarations(OptionalInt.empty(), OptionalLong.empty(), Map.of(), List.of());

  public WorkloadDeclarations {
    downgrades = Map.copyOf(downgrades);
    problems = List.copyOf(problems);
  }

  public static WorkloadDeclarations parse(Map<String, String> annotations) {
    OptionalInt minVaBits = OptionalInt.empty();
    OptionalLong pageSize = OptionalLong.empty();
    Map<String, String> downgrades = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    // sorted so messages come out in a stable order
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      String key = e.getKey();
      String value = e.getValue() == null ? "" : e.getValue().trim();
      String where = "annotations[\"" + key + "\"] = \"" + value + "\"";
      if (key.equals(MIN_VA_BITS)) {
        try {
          int bits = Integer.parseInt(value);
          if (bits < 32 || bits > 64) {
            problems.add(where + ": expected a number of bits between 32 and 64, e.g. \"48\"");
          } else {
            minVaBits = OptionalInt.of(bits);
          }
        } catch (NumberFormatException ex) {
          problems.add(where + ": expected a number of bits, e.g. \"48\"");
        }
      } else if (key.equals(PAGE_SIZE)) {
        try {
          long size = Long.parseLong(value);
          if (size < 4096 || size > 65536 || Long.bitCount(size) != 1) {
            problems.add(where + ": expected a page size in bytes: 4096, 16384 or 65536");
          } else {
            pageSize = OptionalLong.of(size);
          }
        } catch (NumberFormatException ex) {
          problems.add(where + ": expected a page size in bytes: 4096, 16384 or 65536");
        }
      } else if (key.startsWith(GATE_PREFIX)) {
        String id = key.substring(GATE_PREFIX.length());
        if (!GateIds.ALL.contains(id)) {
          problems.add(where + ": unknown gate id '" + id + "'; known gates: " + String.join(", ", GateIds.ALL));
        } else if (!GateIds.downgradable(id)) {
          problems.add(where + ": the " + id + " gate cannot be downgraded");
        } else if (!value.equals("warn")) {
          problems.add(where + ": the only accepted value is \"warn\"");
        } else {
          downgrades.put(id, "annotation " + key + "=warn");
        }
      }
    }
    return new WorkloadDeclarations(minVaBits, pageSize, downgrades, problems);
  }
}
