package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a container's cgroup goes, per hierarchy, from config.json's {@code linux.cgroupsPath}:
 *
 * <ul>
 *   <li>absolute ("/kubepods/burstable/pod1/c1"): that path in every hierarchy (what kubelet and containerd send);
 *   <li>relative ("mygroup/c1"): below the cgroup bramble itself runs in, per hierarchy (runc does the same);
 *   <li>absent: {@code /bramble/<id>}. runc uses {@code <id>} below its own cgroup; bramble uses one absolute
 *       parent for all its containers instead, because (1) on cgroup v2 a child of the caller's own cgroup cannot
 *       get controllers while the caller's processes live in it (the "no internal processes" rule), so limits
 *       could not be enforced; (2) one parent makes every bramble container easy to find, account and limit as a
 *       group; (3) it cannot collide with runc's cgroup of the same id. The parent stays when containers go.
 *   <li>the systemd form "slice:prefix:name" with {@code --systemd-cgroup}: refused (see {@link #resolve}).
 * </ul>
 */
public final class CgroupPathResolver {
  /** The parent of every container cgroup that config.json does not place. */
  public static final String DEFAULT_PARENT = "/bramble";

  private final Path procRoot;

  /** @param procRoot "/" in production: where /proc/1/comm and /run/systemd/system are looked up */
  public CgroupPathResolver(Path procRoot) {
    this.procRoot = procRoot;
  }

  public static CgroupPathResolver host() {
    return new CgroupPathResolver(Path.of("/"));
  }

  /**
   * The cgroup path of the container in each hierarchy of {@code layout}.
   *
   * @param cgroupsPath config.json's linux.cgroupsPath, null or empty when absent
   * @param ownCgroups this process's cgroups (/proc/self/cgroup parsed), for relative paths
   * @param systemdDriver {@code --systemd-cgroup} was given
   */
  public Map<Hierarchy, String> resolve(CgroupLayout layout, String cgroupsPath, String id,
      Map<String, String> ownCgroups, boolean systemdDriver) {
    if (systemdDriver) {
      throw systemdRefusal(cgroupsPath);
    }
    String configured = cgroupsPath == null ? "" : cgroupsPath.trim();
    if (looksLikeSystemdForm(configured)) {
      throw new BrambleException("linux.cgroupsPath \"" + configured + "\" is in the systemd form"
          + " slice:prefix:name, but --systemd-cgroup was not given; use a cgroup path such as /bramble/" + id
          + " (the cgroupfs driver), or run with --systemd-cgroup");
    }
    Map<Hierarchy, String> out = new LinkedHashMap<>();
    for (Hierarchy h : layout.hierarchies()) {
      String path;
      if (configured.isEmpty()) {
        path = CgroupPaths.clean(DEFAULT_PARENT + "/" + id);
      } else if (configured.startsWith("/")) {
        path = CgroupPaths.clean(configured);
      } else {
        path = CgroupPaths.clean(ownCgroups.getOrDefault(h.key(), "/") + "/" + configured);
      }
      if (path.equals("/")) {
        throw new BrambleException("linux.cgroupsPath \"" + configured + "\" resolves to the root cgroup of "
            + h.describe() + "; a container needs a cgroup of its own: give a path such as /bramble/" + id);
      }
      out.put(h, path);
    }
    return out;
  }

  static boolean looksLikeSystemdForm(String path) {
    return !path.contains("/") && path.chars().filter(c -> c == ':').count() == 2;
  }

  /**
   * The systemd driver places containers through systemd's D-Bus API (StartTransientUnit of a scope); bramble does
   * not speak D-Bus (yet), and writing systemd's cgroups behind its back would have systemd undo them. So the
   * flag is refused — with the reason that applies on this host.
   */
  BrambleException systemdRefusal(String cgroupsPath) {
    boolean booted = Files.isDirectory(procRoot.resolve("run/systemd/system"));
    String pid1 = readPid1();
    String fix = "run bramble without --systemd-cgroup (the cgroupfs driver; containerd: SystemdCgroup = false in"
        + " the runtime's options, kubelet: cgroupDriver: cgroupfs)";
    if (!booted) {
      return new BrambleException("--systemd-cgroup: systemd is not running (pid 1 is " + pid1 + ", and there"
          + " is no /run/systemd/system), so there is no systemd to create the cgroup"
          + (cgroupsPath == null || cgroupsPath.isEmpty() ? "" : " \"" + cgroupsPath + "\"") + "; " + fix);
    }
    return new BrambleException("--systemd-cgroup: bramble does not implement the systemd cgroup driver (it needs"
        + " systemd's D-Bus API)" + (cgroupsPath == null || cgroupsPath.isEmpty() ? "" : " for \"" + cgroupsPath
        + "\"") + "; " + fix);
  }

  private String readPid1() {
    try {
      return Files.readString(procRoot.resolve("proc/1/comm")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
