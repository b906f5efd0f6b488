package dev.bramble.runtime.setup;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.MountConfig;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts /sys/fs/cgroup inside a container the way the host has it: one cgroup2 mount on a unified host; on a
 * v1 or hybrid host (this machine, older Pi OS) a tmpfs holding one mount per hierarchy.
 *
 * <p>Inside its own cgroup namespace a container mounts the hierarchies afresh and sees only its part of the tree.
 * Where the kernel forbids that (cgroup v1 cannot be mounted from a user namespace) or there is no cgroup
 * namespace, the container's own cgroup directories are bind-mounted from the host instead, as runc does.
 *
 * @param hostMounts the host's cgroup mounts (from mountinfo), in mount order
 * @param ownPaths the init's cgroup per hierarchy, from /proc/PID/cgroup: controllers (or "name=x", or "" for
 *     the unified hierarchy) → path
 */
public record CgroupFilesystem(List<MountInfo> hostMounts, Map<String, String> ownPaths) {
  private static final String HOST_ROOT = "/sys/fs/cgroup";

  public CgroupFilesystem {
    hostMounts = List.copyOf(hostMounts);
    ownPaths = Map.copyOf(ownPaths);
  }

  /** The cgroup and cgroup2 mounts found at or below /sys/fs/cgroup, and the process's own cgroups. */
  public static CgroupFilesystem of(List<MountInfo> mounts, String procPidCgroup) {
    Map<String, String> own = new HashMap<>();
    for (String line : procPidCgroup.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length == 3) {
        own.put(f[1], f[2]);
      }
    }
    return new CgroupFilesystem(mounts.stream()
        .filter(m -> m.fsType().equals("cgroup") || m.fsType().equals("cgroup2"))
        .filter(m -> m.mountPoint().equals(HOST_ROOT) || m.mountPoint().startsWith(HOST_ROOT + "/"))
        .toList(), own);
  }

  public boolean unified() {
    return hostMounts.stream().anyMatch(m -> m.mountPoint().equals(HOST_ROOT) && m.fsType().equals("cgroup2"));
  }

  /** Whether the container may mount cgroup filesystems itself rather than binding the host's. */
  static boolean mountsFresh(ContainerConfig config, boolean unified) {
    return config.createsNamespace(NamespaceType.CGROUP)
        && (unified || !config.createsNamespace(NamespaceType.USER));
  }

  void mount(RemoteSyscalls sys, InRootPaths paths, MountConfig m, ContainerConfig config) {
    long flags = m.options().flags() & ~(MountFlags.BIND | MountFlags.REC | MountFlags.REMOUNT);
    boolean fresh = mountsFresh(config, unified());
    if (unified()) {
      mountOne(sys, paths, m.destination(), hostMounts.get(0), flags, fresh);
      return;
    }
    // v1/hybrid: a tmpfs to hold the hierarchies, read-only only once they are mounted in it
    int target = paths.mkdirs(m.destination(), 0755);
    try {
      sys.mount("tmpfs", InRootPaths.fdPath(target), "tmpfs", flags & ~MountFlags.RDONLY, "mode=755");
    } finally {
      sys.close(target);
    }
    for (MountInfo h : hostMounts) {
      String name = h.mountPoint().substring(HOST_ROOT.length());
      // a hybrid host's cgroup2 sub-mount holds no controllers; runc leaves it out of containers too
      if (!name.isEmpty() && !h.fsType().equals("cgroup2")) {
        mountOne(sys, paths, m.destination() + name, h, flags, fresh);
      }
    }
    if ((flags & MountFlags.RDONLY) != 0) {
      int mounted = paths.open(m.destination(), 0);
      try {
        sys.mount("", InRootPaths.fdPath(mounted), "", MountFlags.REMOUNT | flags, "mode=755");
      } finally {
        sys.close(mounted);
      }
    }
  }

  private void mountOne(RemoteSyscalls sys, InRootPaths paths, String destination, MountInfo hierarchy, long flags,
      boolean fresh) {
    int target = paths.mkdirs(destination, 0555);
    try {
      String fd = InRootPaths.fdPath(target);
      if (fresh) {
        String data = hierarchy.fsType().equals("cgroup2") ? "" : subsystems(hierarchy.superOptions());
        sys.mount(hierarchy.fsType(), fd, hierarchy.fsType(), flags, data);
        return;
      }
      String own = ownPaths.getOrDefault(key(hierarchy), "/");
      sys.mount(hierarchy.mountPoint() + (own.equals("/") ? "" : own), fd, "", MountFlags.BIND | MountFlags.REC, "");
    } finally {
      sys.close(target);
    }
    if (!fresh && flags != 0) {
      int mounted = paths.open(destination, 0);
      try {
        sys.mount("", InRootPaths.fdPath(mounted), "", MountFlags.BIND | MountFlags.REMOUNT | flags, "");
      } finally {
        sys.close(mounted);
      }
    }
  }

  /** The key of a hierarchy in /proc/PID/cgroup: "cpu,cpuacct", "name=systemd", or "" for cgroup2. */
  static String key(MountInfo hierarchy) {
    if (hierarchy.fsType().equals("cgroup2")) {
      return "";
    }
    String s = subsystems(hierarchy.superOptions());
    return s.startsWith("none,") ? s.substring(5) : s;
  }

  /** "rw,cpu,cpuacct" → "cpu,cpuacct"; "rw,name=systemd" → "none,name=systemd". */
  static String subsystems(String superOptions) {
    List<String> parts = Arrays.stream(superOptions.split(","))
        .filter(o -> !o.equals("rw") && !o.equals("ro"))
        .toList();
    String joined = String.join(",", parts);
    return parts.stream().allMatch(p -> p.startsWith("name=")) ? "none," + joined : joined;
  }
}
