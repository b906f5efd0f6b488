package dev.bramble.runtime.cgroup;

import java.nio.file.Files;
import java.util.Optional;

/** Answers the planner's questions from a container's cgroup directories on the live host. */
final class RecordPlanContext implements PlanContext {
  private final CgroupRecord record;

  RecordPlanContext(CgroupRecord record) {
    this.record = record;
  }

  @Override
  public Optional<Boolean> unified(String controller) {
    if (controller.isEmpty()) {
      return record.unified().map(d -> true);
    }
    return record.holding(controller).map(CgroupDir::unified);
  }

  @Override
  public boolean exists(String controller, String file) {
    return dirOf(controller).map(d -> Files.exists(d.path().resolve(file))).orElse(false);
  }

  @Override
  public Optional<String> current(String controller, String file) {
    return dirOf(controller).flatMap(d -> CgroupFiles.read(d.path(), file));
  }

  Optional<CgroupDir> dirOf(String controller) {
    return controller.isEmpty() ? record.unified() : record.holding(controller);
  }
}
