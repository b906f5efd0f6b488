package dev.bramble.runtime.cgroup;

import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.ProcFs;
import dev.bramble.runtime.log.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container's cgroups — the API the lifecycle (CLI and shim) uses: create them with their limits before the
 * container's first process exists, place each stub in them while it is still stopped (everything it clones
 * inherits them), then pause/resume, update, read stats, watch for OOM kills, and remove them at delete.
 *
 * <pre>{@code
 * ContainerCgroup cgroup = ContainerCgroup.create(kernel, log, CgroupSettings.from(spec, id, false, u -> false));
 * sentry.onStub(cgroup::place);             // before sentry.create
 * ...
 * cgroup.stats(); cgroup.pause(); cgroup.watchOom(interval, listener);
 * cgroup.destroy();                          // after the last process is gone
 * }</pre>
 */
public final class ContainerCgroup {
  private final LinuxKernel kernel;
  private final Logger log;
  private volatile CgroupRecord record;

  private ContainerCgroup(LinuxKernel kernel, Logger log, CgroupRecord record) {
    this.kernel = kernel;
    this.log = log;
    this.record = record;
  }

  /** The cgroups of an existing container, from its state. */
  public static ContainerCgroup of(LinuxKernel kernel, Logger log, CgroupRecord record) {
    return new ContainerCgroup(kernel, log, record);
  }

  /**
   * Makes the container's directory in every hierarchy of this host and applies its limits and device rules. On
   * any failure removes whatever it made and throws.
   */
  public static ContainerCgroup create(LinuxKernel kernel, Logger log, CgroupSettings settings) {
    return create(kernel, log, settings, CgroupLayout.host(), ownCgroups());
  }

  /** As {@link #create(LinuxKernel, Logger, CgroupSettings)} on a given layout (tests mount their own cgroup2). */
  public static ContainerCgroup create(LinuxKernel kernel, Logger log, CgroupSettings settings, CgroupLayout layout,
      Map<String, String> ownCgroups) {
    if (layout.hierarchies().isEmpty()) {
      throw new BrambleException("create " + settings.id() + ": no cgroup file system is mounted, so the container"
          + " cannot be confined to a cgroup; mount cgroup2 at /sys/fs/cgroup");
    }
    Map<Hierarchy, String> paths = CgroupPathResolver.host()
        .resolve(layout, settings.cgroupsPath(), settings.id(), ownCgroups, settings.systemdDriver());
    List<CgroupDir> created = new ArrayList<>();
    CgroupBuilder builder = new CgroupBuilder();
    try {
      builder.build(paths, created);
      CgroupRecord record = new CgroupRecord(created, settings.resources());
      ResourceApplier applier = new ResourceApplier(kernel, log);
      applier.apply(record, ResourcePlanner.plan(settings.resources(), new RecordPlanContext(record)),
          settings.tolerated(), builder.enableFailures());
      applier.applyDevices(record, settings.deviceRules());
      log.debug("cgroup of " + settings.id() + ": " + record.displayPath() + " in " + created.size()
          + " hierarchies");
      return new ContainerCgroup(kernel, log, record);
    } catch (RuntimeException e) {
      try {
        new CgroupRemover(kernel).remove(created);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** This process's cgroups, for relative cgroupsPath values. */
  static Map<String, String> ownCgroups() {
    try {
      return CgroupPaths.parseProcCgroup(ProcFs.read(Path.of("/proc/self/cgroup")));
    } catch (IOException e) {
      throw new BrambleException("read /proc/self/cgroup: " + IoReasons.describe(e), e);
    }
  }

  public CgroupRecord record() {
    return record;
  }

  /**
   * Moves a process (a stopped stub) into the container's cgroup in every hierarchy. Threads and children it makes
   * afterwards are born there.
   */
  public void place(int pid) {
    for (CgroupDir d : record.dirs()) {
      try {
        CgroupFiles.write(d.path(), "cgroup.procs", Integer.toString(pid));
      } catch (IOException e) {
        throw new BrambleException("place process " + pid + " in cgroup " + d.dir() + ": " + IoReasons.describe(e)
            + "; a cgroup v2 parent with controllers enabled cannot hold processes, and cpuset needs cpus and mems",
            e);
      }
    }
  }

  /** Host pids of every process in the container's cgroup. */
  public List<Integer> pids() {
    CgroupDir d = record.unified().orElse(record.dirs().get(0));
    return Arrays.stream(CgroupFiles.read(d.path(), "cgroup.procs").orElse("").split("\n"))
        .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
  }

  public void pause() {
    new Freezer(record).freeze();
  }

  public void resume() {
    new Freezer(record).thaw();
  }

  public boolean paused() {
    return new Freezer(record).frozen();
  }

  public CgroupStats stats() {
    return new StatsReader(record).read();
  }

  /** Calls {@code listener} on each OOM kill; empty when there is no memory cgroup to watch. */
  public Optional<OomWatcher> watchOom(Duration interval, OomWatcher.Listener listener) {
    return OomWatcher.start(record, interval, listener);
  }

  /**
   * Changes the limits of a running container (runc update): {@code changes} is laid over the resources in force
   * and the sections it touches are written again. Device rules cannot be changed. Returns the new record, to
   * persist.
   */
  public CgroupRecord update(LinuxResources changes) {
    if (changes.devices() != null && !changes.devices().isEmpty()) {
      throw new BrambleException("update: linux.resources.devices cannot be changed on a running container (runc"
          + " does not either); recreate the container with the new device rules");
    }
    LinuxResources merged = ResourcesMerge.merge(record.resources(), changes);
    CgroupRecord next = record.withResources(merged);
    new ResourceApplier(kernel, log).apply(next, ResourcePlanner.plan(ResourcesMerge.touched(merged, changes),
        new RecordPlanContext(next)), u -> false, Map.of());
    record = next;
    return next;
  }

  /** Removes every directory (the container's processes must be gone, or are killed). */
  public void destroy() {
    new CgroupRemover(kernel).remove(record.dirs());
  }
}
