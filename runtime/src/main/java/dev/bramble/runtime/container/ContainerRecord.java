package dev.bramble.runtime.container;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bramble.runtime.cgroup.CgroupRecord;
import java.util.Map;

/**
 * What bramble keeps about one container in {@code <root>/<id>/state.json}. The OCI status is derived from it
 * and from the live process table ({@link ContainerStatusResolver}), never trusted blindly: a container whose init
 * died while nobody watched is stopped, whatever the file says.
 *
 * @param phase how far the lifecycle got: creating, created, running or stopped
 * @param pidStartTime the init's start time in clock ticks (/proc/PID/stat field 22), to detect pid reuse
 * @param sentryPid the process hosting the container's sentry (a daemon, `bramble run`, or the shim)
 * @param created RFC 3339 creation time
 * @param exitStatus the init's exit status once known (128+N for signal N)
 * @param cgroup the container's cgroups and the resources in force; absent in state written before cgroups
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerRecord(
    String id,
    String bundle,
    String rootfs,
    String phase,
    int pid,
    long pidStartTime,
    int sentryPid,
    long sentryStartTime,
    String created,
    String owner,
    Map<String, String> annotations,
    Integer exitStatus,
    CgroupRecord cgroup) {

  public static final String CREATING = "creating", CREATED = "created", RUNNING = "running", STOPPED = "stopped";

  @JsonCreator
  public ContainerRecord {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A record without cgroups. */
  public ContainerRecord(String id, String bundle, String rootfs, String phase, int pid, long pidStartTime,
      int sentryPid, long sentryStartTime, String created, String owner, Map<String, String> annotations,
      Integer exitStatus) {
    this(id, bundle, rootfs, phase, pid, pidStartTime, sentryPid, sentryStartTime, created, owner, annotations,
        exitStatus, null);
  }

  public ContainerRecord withCgroup(CgroupRecord newCgroup) {
    return new ContainerRecord(id, bundle, rootfs, phase, pid, pidStartTime, sentryPid, sentryStartTime, created,
        owner, annotations, exitStatus, newCgroup);
  }

  public ContainerRecord withPhase(String newPhase) {
    return new ContainerRecord(id, bundle, rootfs, newPhase, pid, pidStartTime, sentryPid, sentryStartTime, created,
        owner, annotations, exitStatus, cgroup);
  }

  public ContainerRecord withInit(int newPid, long startTime) {
    return new ContainerRecord(id, bundle, rootfs, phase, newPid, startTime, sentryPid, sentryStartTime, created,
        owner, annotations, exitStatus, cgroup);
  }

  public ContainerRecord withSentry(int newSentryPid, long startTime) {
    return new ContainerRecord(id, bundle, rootfs, phase, pid, pidStartTime, newSentryPid, startTime, created,
        owner, annotations, exitStatus, cgroup);
  }

  public ContainerRecord withExitStatus(int status) {
    return new ContainerRecord(id, bundle, rootfs, STOPPED, pid, pidStartTime, sentryPid, sentryStartTime, created,
        owner, annotations, status, cgroup);
  }
}
