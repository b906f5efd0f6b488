package dev.bramble.runtime.container;

import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.error.BrambleException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which verb is allowed in which status (runtime-spec "Lifecycle" and runc's behaviour), with clear refusals. */
public enum Transitions {
  START(EnumSet.of(ContainerStatus.CREATED)),
  KILL(EnumSet.of(ContainerStatus.CREATED, ContainerStatus.RUNNING, ContainerStatus.PAUSED)),
  DELETE(EnumSet.of(ContainerStatus.STOPPED, ContainerStatus.CREATED)),
  EXEC(EnumSet.of(ContainerStatus.CREATED, ContainerStatus.RUNNING)),
  PAUSE(EnumSet.of(ContainerStatus.RUNNING)),
  RESUME(EnumSet.of(ContainerStatus.PAUSED));

  private final Set<ContainerStatus> allowed;

  Transitions(Set<ContainerStatus> allowed) {
    this.allowed = allowed;
  }

  public boolean allows(ContainerStatus status) {
    return allowed.contains(status);
  }

  /** Throws naming the verb, the container, its current status and the statuses the verb needs. */
  public void require(String id, ContainerStatus current) {
    if (!allows(current)) {
      String needed = allowed.stream().map(ContainerStatus::jsonName).collect(Collectors.joining(" or "));
      throw new BrambleException("cannot " + name().toLowerCase() + " container \"" + id + "\": it is "
          + current.jsonName() + ", and " + name().toLowerCase() + " needs it " + needed);
    }
  }
}
