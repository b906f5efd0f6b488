package dev.bramble.runtime.container;

import dev.bramble.oci.state.ContainerStatus;

/** The OCI status of a container: its recorded phase, checked against the live process table. */
public final class ContainerStatusResolver {
  private final ProcessTable processes;

  public ContainerStatusResolver(ProcessTable processes) {
    this.processes = processes;
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
        return r.phase().equals(ContainerRecord.CREATED) ? ContainerStatus.CREATED : ContainerStatus.RUNNING;
      default:
        return ContainerStatus.STOPPED;
    }
  }
}
