package dev.bramble.oci.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies for the model records. Absent stays {@code null} (so "absent" and "present but
 * empty" round-trip differently, as the spec distinguishes them); order is kept, and nulls inside
 * collections are tolerated because the type checker, not the constructor, reports them.
 */
public final class Immutable {
  private Immutable() {}

  public static <T> List<T> list(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  public static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Extension maps are never null: an object without unknown properties has an empty map. */
  public static Map<String, JsonNode> extensions(Map<String, JsonNode> extensions) {
    if (extensions == null || extensions.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    extensions.forEach((key, value) -> copy.put(key, value == null ? null : value.deepCopy()));
    return Collections.unmodifiableMap(copy);
  }
}
