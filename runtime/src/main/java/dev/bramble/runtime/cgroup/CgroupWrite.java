package dev.bramble.runtime.cgroup;

/**
 * One value to write into one interface file of a container's cgroup.
 *
 * @param controller the controller whose hierarchy holds the file ("memory", "cpu", ...; "" for cgroup v2 core
 *     files such as cgroup.max.depth, written in the unified hierarchy)
 * @param file the interface file, e.g. {@code memory.max}
 * @param value what to write
 * @param jsonPath the config.json setting it comes from, for errors ({@code linux.resources.memory.limit})
 */
public record CgroupWrite(String controller, String file, String value, String jsonPath) {
  @Override
  public String toString() {
    return file + "=" + value;
  }
}
