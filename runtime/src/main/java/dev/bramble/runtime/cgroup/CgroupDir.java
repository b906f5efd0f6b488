package dev.bramble.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * A container's cgroup in one hierarchy, as recorded in state.json so that later verbs (pause, update, events,
 * delete) act on exactly what create made.
 *
 * @param hierarchy the hierarchy's key in /proc/PID/cgroup ("memory", "cpu,cpuacct", "name=systemd", "" for v2)
 * @param unified cgroup v2
 * @param controllers the controllers this directory governs (v2: those enabled for it)
 * @param cgroup the cgroup path ("/bramble/c1")
 * @param dir the host directory ("/sys/fs/cgroup/memory/bramble/c1")
 */
public record CgroupDir(String hierarchy, boolean unified, List<String> controllers, String cgroup, String dir) {
  public CgroupDir {
    controllers = controllers == null ? List.of() : List.copyOf(controllers);
  }

  public Path path() {
    return Path.of(dir);
  }

  public boolean has(String controller) {
    return controllers.contains(controller);
  }
}
