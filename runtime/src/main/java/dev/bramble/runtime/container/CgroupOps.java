package dev.bramble.runtime.container;

import dev.bramble.oci.io.DocumentReader;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.json.JsonTrees;
import dev.bramble.oci.json.RecordTrees;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.cgroup.CgroupRecord;
import dev.bramble.runtime.cgroup.CgroupStats;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The verbs that act on a container's cgroups: pause, resume, update and the statistics behind events. The
 * resources in force after an update are kept in their own file of the state directory, so that the sentry's own
 * writes of state.json (at start and exit) cannot put back older values.
 */
public final class CgroupOps {
  static final String RESOURCES_FILE = "resources.json";

  private final LinuxKernel kernel;
  private final StateStore store;
  private final ContainerStatusResolver statuses;
  private final Logger log;

  public CgroupOps(LinuxKernel kernel, StateStore store, ProcessTable processes, Logger log) {
    this.kernel = kernel;
    this.store = store;
    this.statuses = new ContainerStatusResolver(processes);
    this.log = log;
  }

  public ContainerStatus status(String id) {
    return statuses.status(store.require(id));
  }

  /** Freezes every process of a running container; its status becomes "paused". */
  public void pause(String id) {
    try (StateStore.Lock lock = store.lock(id)) {
      ContainerRecord r = store.require(id);
      Transitions.PAUSE.require(id, statuses.status(r));
      cgroup(r).pause();
    }
  }

  public void resume(String id) {
    try (StateStore.Lock lock = store.lock(id)) {
      ContainerRecord r = store.require(id);
      Transitions.RESUME.require(id, statuses.status(r));
      cgroup(r).resume();
    }
  }

  /** Lays {@code changes} over the resources in force and writes them (runc update); returns what is now in force. */
  public LinuxResources update(String id, LinuxResources changes) {
    try (StateStore.Lock lock = store.lock(id)) {
      ContainerRecord r = store.require(id);
      ContainerStatus status = statuses.status(r);
      if (!EnumSet.of(ContainerStatus.CREATED, ContainerStatus.RUNNING, ContainerStatus.PAUSED).contains(status)) {
        throw new BrambleException("cannot update container \"" + id + "\": it is " + status.jsonName()
            + ", and update needs it created, running or paused");
      }
      ContainerCgroup cgroup = ContainerCgroup.of(kernel, log, current(id, r));
      CgroupRecord updated;
      try {
        updated = cgroup.update(changes);
      } catch (BrambleException e) {
        throw new BrambleException("update " + id + ": " + e.getMessage(), e);
      }
      try {
        store.writeFile(id, RESOURCES_FILE, JsonTrees.bytes(RecordTrees.toTree(updated.resources())));
      } catch (UncheckedIOException e) {
        throw new BrambleException("update " + id + ": record the new resources: " + e.getMessage(), e);
      }
      return updated.resources();
    }
  }

  public CgroupStats stats(String id) {
    ContainerRecord r = store.require(id);
    return cgroup(r).stats();
  }

  /** The container's cgroups with the resources in force. */
  public ContainerCgroup cgroupOf(String id) {
    ContainerRecord r = store.require(id);
    return ContainerCgroup.of(kernel, log, current(id, cgroupRecord(r)));
  }

  private ContainerCgroup cgroup(ContainerRecord r) {
    return ContainerCgroup.of(kernel, log, cgroupRecord(r));
  }

  private static CgroupRecord cgroupRecord(ContainerRecord r) {
    if (r.cgroup() == null) {
      throw new BrambleException("container \"" + r.id() + "\" has no cgroups recorded (it was created by a bramble"
          + " without cgroup support); recreate it");
    }
    return r.cgroup();
  }

  private CgroupRecord current(String id, ContainerRecord r) {
    return current(id, cgroupRecord(r));
  }

  private CgroupRecord current(String id, CgroupRecord record) {
    Path file = store.file(id, RESOURCES_FILE);
    if (!Files.exists(file)) {
      return record;
    }
    try {
      return record.withResources(DocumentReader.read(file, LinuxResources.class));
    } catch (SpecException e) {
      throw new BrambleException("read " + file + ": " + e.getMessage() + "; the state is damaged", e);
    }
  }
}
