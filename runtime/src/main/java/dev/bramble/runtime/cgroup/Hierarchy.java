package dev.bramble.runtime.cgroup;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mounted cgroup hierarchy: a cgroup v1 hierarchy with its controllers (or a named one such as
 * {@code name=systemd}), or the cgroup v2 ("unified") hierarchy.
 *
 * @param key how /proc/PID/cgroup names it: "cpu,cpuacct", "name=systemd", or "" for cgroup v2
 * @param mountPoint where it is mounted
 * @param root the cgroup the mount shows at its mount point (mountinfo's root field; "/" unless the hierarchy is
 *     bind-mounted from a subtree, as inside another container)
 * @param unified cgroup v2
 * @param controllers v1: the controllers bound to it; v2: the controllers its root offers (cgroup.controllers)
 */
public record Hierarchy(String key, Path mountPoint, String root, boolean unified, Set<String> controllers) {
  public Hierarchy {
    controllers = Set.copyOf(controllers);
  }

  /**
   * The directory of the cgroup {@code cgroupPath} (an absolute cgroup path as /proc/PID/cgroup shows it).
   *
   * @throws IllegalArgumentException when the cgroup lies outside the part of the hierarchy that is mounted
   */
  public Path dirOf(String cgroupPath) {
    String path = CgroupPaths.clean(cgroupPath);
    String base = CgroupPaths.clean(root);
    if (base.equals("/")) {
      return path.equals("/") ? mountPoint : mountPoint.resolve(path.substring(1));
    }
    if (path.equals(base)) {
      return mountPoint;
    }
    if (!path.startsWith(base + "/")) {
      throw new IllegalArgumentException("cgroup " + path + " is outside the part of hierarchy \"" + key
          + "\" mounted at " + mountPoint + " (its root is " + base + ")");
    }
    return mountPoint.resolve(path.substring(base.length() + 1));
  }

  public boolean has(String controller) {
    return controllers.contains(controller);
  }

  /** "cgroup v2 at /sys/fs/cgroup" or "cgroup v1 cpu,cpuacct at /sys/fs/cgroup/cpu,cpuacct", for messages. */
  public String describe() {
    return (unified ? "cgroup v2" : "cgroup v1 " + key) + " at " + mountPoint;
  }
}
