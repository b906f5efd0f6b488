package dev.bramble.runtime.cgroup;

import java.util.Optional;

/** What the resource planner may ask about the container's cgroup while choosing files and values. */
public interface PlanContext {
  /** Empty when no hierarchy holds the controller; otherwise whether it is the cgroup v2 one. */
  Optional<Boolean> unified(String controller);

  /** Whether the container's cgroup directory of {@code controller} has {@code file}. */
  boolean exists(String controller, String file);

  /** The current content of a file in the container's cgroup (trimmed), if readable. */
  Optional<String> current(String controller, String file);
}
