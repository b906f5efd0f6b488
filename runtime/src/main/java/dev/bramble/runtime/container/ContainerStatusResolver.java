package dev.bramble.runtime.container;

import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.cgroup.Freezer;
import java.util.function.Predicate;

/**
 * The OCI status of a container: its recorded phase, checked against the live process table; a running container
 * whose cgroup is frozen is paused (read from the freezer itself, as runc does, so the answer is right whoever
 * froze it).
 */
public final class ContainerStatusResolver {
  private final ProcessTable processes;
  private final Predicate<ContainerRecord> frozen;

  public ContainerStatusResolver(ProcessTable processes) {
    this(processes, r -> r.cgroup() != null && new Freezer(r.cgroup()).frozen());
  }

  /** @param frozen whether the container's cgroup is frozen */
  public ContainerStatusResolver(ProcessTable processes, Predicate<ContainerRecord> frozen) {
    this.processes = processes;
    this.frozen = frozen;
  }

  public ContainerStatus status(ContainerRecord r) {
    switch (r.phase()) {
      case ContainerRecord.CREATING:
        // a create that crashed leaves "creating" behind with nobody working on it: that container is stopped
        return processes.alive(r.sentryPid(), r.sentryStartTime()) ? ContainerStatus.CREATING : ContainerStatus.STOPPED;
      case ContainerRecord.CREATED:
      case ContainerRecord.RUNNING:
        if (!processes.alive(r.pid(), r.pidStartTime())) {
          return ContainerStatus.STOPPED;
        }
        if (r.phase().equals(ContainerRecord.CREATED)) {
          return ContainerStatus.CREATED;
        }
        return frozen.test(r) ? ContainerStatus.PAUSED : ContainerStatus.RUNNING;
      default:
        return ContainerStatus.STOPPED;
    }
  }
}
