package dev.bramble.runtime.cgroup;

import java.util.List;
import java.util.Map;

/** The OCI model keeps an absent list or map as null (absent and empty differ in the spec); here both are empty. */
public final class Absent {
  private Absent() {}

  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  public static <V> Map<String, V> map(Map<String, V> map) {
    return map == null ? Map.of() : map;
  }
}
