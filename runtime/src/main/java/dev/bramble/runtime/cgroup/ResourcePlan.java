package dev.bramble.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/** The writes that enforce config.json's linux.resources, in order, and what cannot be enforced here. */
public record ResourcePlan(List<CgroupWrite> writes, List<Unsupported> unsupported) {
  public ResourcePlan {
    writes = List.copyOf(writes);
    unsupported = List.copyOf(unsupported);
  }

  /** Collects a plan; the planners add to it in the order the files must be written. */
  static final class Builder {
    private final List<CgroupWrite> writes = new ArrayList<>();
    private final List<Unsupported> unsupported = new ArrayList<>();

    void write(String controller, String file, String value, String jsonPath) {
      writes.add(new CgroupWrite(controller, file, value, jsonPath));
    }

    void unsupported(String controller, String jsonPath, Object value, String reason) {
      unsupported.add(new Unsupported(controller, jsonPath, String.valueOf(value), reason));
    }

    ResourcePlan build() {
      return new ResourcePlan(writes, unsupported);
    }
  }
}
