package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import java.io.IOException;
import java.util.Optional;

/**
 * Freezes and thaws every process of a container: the cgroup v1 freezer (freezer.state) where a freezer hierarchy
 * is mounted, otherwise cgroup v2's cgroup.freeze (core to cgroup v2, no controller needed). Freezing is
 * asynchronous in both; this waits until the kernel reports the whole cgroup frozen.
 */
public final class Freezer {
  private static final long TIMEOUT_MS = 10_000;
  private static final long POLL_MS = 5;

  private final CgroupRecord record;

  public Freezer(CgroupRecord record) {
    this.record = record;
  }

  private Optional<CgroupDir> v1() {
    return record.dirs().stream().filter(d -> !d.unified() && d.has("freezer")).findFirst();
  }

  private CgroupDir target() {
    return v1().or(record::unified).orElseThrow(() -> new BrambleException("the container's cgroups have no"
        + " freezer: no cgroup v1 freezer hierarchy and no cgroup v2; mount one to pause containers"));
  }

  public void freeze() {
    set(true);
  }

  public void thaw() {
    set(false);
  }

  /** Whether the container's cgroup is frozen (or freezing): what {@code state} reports as "paused". */
  public boolean frozen() {
    Optional<CgroupDir> v1 = v1();
    if (v1.isPresent()) {
      String state = CgroupFiles.read(v1.get().path(), "freezer.state").orElse("THAWED");
      return !state.equals("THAWED");
    }
    return record.unified().flatMap(d -> CgroupFiles.read(d.path(), "cgroup.freeze")).orElse("0").equals("1");
  }

  private void set(boolean freeze) {
    CgroupDir dir = target();
    boolean v1 = !dir.unified();
    String file = v1 ? "freezer.state" : "cgroup.freeze";
    String value = v1 ? (freeze ? "FROZEN" : "THAWED") : (freeze ? "1" : "0");
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (true) {
      try {
        // v1 may need the request repeated: tasks that were busy in the kernel are retried on each write
        CgroupFiles.write(dir.path(), file, value);
      } catch (IOException e) {
        throw new BrambleException((freeze ? "pause" : "resume") + ": write " + value + " to "
            + dir.path().resolve(file) + ": " + IoReasons.describe(e), e);
      }
      if (reached(dir, freeze)) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        if (freeze) {
          set(false);
        }
        throw new BrambleException((freeze ? "pause" : "resume") + ": the processes in " + dir.dir() + " did not "
            + (freeze ? "freeze" : "thaw") + " within " + TIMEOUT_MS / 1000 + "s (a process stuck in the kernel,"
            + " e.g. on a hung NFS mount); try again, or kill the container");
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrambleException((freeze ? "pause" : "resume") + " interrupted");
      }
    }
  }

  private static boolean reached(CgroupDir dir, boolean freeze) {
    if (!dir.unified()) {
      return CgroupFiles.read(dir.path(), "freezer.state").orElse("").equals(freeze ? "FROZEN" : "THAWED");
    }
    String events = CgroupFiles.read(dir.path(), "cgroup.events").orElse("");
    return events.lines().anyMatch(l -> l.trim().equals("frozen " + (freeze ? 1 : 0)));
  }
}
