package dev.bramble.runtime.setup;

import dev.bramble.runtime.config.ContainerConfig.MountConfig;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.List;

/**
 * Mounts /sys/fs/cgroup inside a container the way the host has it: one cgroup2 mount on a unified host; on a
 * v1 or hybrid host (this machine, older Pi OS) a tmpfs holding one mount per hierarchy. Inside a cgroup namespace
 * each mount shows only the container's part of the tree.
 *
 * @param hostMounts the host's cgroup mounts (from mountinfo), in mount order
 */
public record CgroupFilesystem(List<MountInfo> hostMounts) {
  private static final String HOST_ROOT = "/sys/fs/cgroup";

  /** The cgroup and cgroup2 mounts found at or below /sys/fs/cgroup. */
  public static CgroupFilesystem fromMountInfo(List<MountInfo> mounts) {
    return new CgroupFilesystem(mounts.stream()
        .filter(m -> m.fsType().equals("cgroup") || m.fsType().equals("cgroup2"))
        .filter(m -> m.mountPoint().equals(HOST_ROOT) || m.mountPoint().startsWith(HOST_ROOT + "/"))
        .toList());
  }

  public boolean unified() {
    return hostMounts.stream().anyMatch(m -> m.mountPoint().equals(HOST_ROOT) && m.fsType().equals("cgroup2"));
  }

  void mount(RemoteSyscalls sys, InRootPaths paths, MountConfig m) {
    long flags = m.options().flags() & ~(MountFlags.BIND | MountFlags.REC | MountFlags.REMOUNT);
    if (unified() || m.type().equals("cgroup2")) {
      int target = paths.mkdirs(m.destination(), 0755);
      try {
        sys.mount("cgroup2", InRootPaths.fdPath(target), "cgroup2", flags, "");
      } finally {
        sys.close(target);
      }
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
      if (name.isEmpty()) {
        continue;
      }
      int sub = paths.mkdirs(m.destination() + name, 0555);
      try {
        String data = h.fsType().equals("cgroup2") ? "" : subsystems(h.superOptions());
        sys.mount(h.fsType(), InRootPaths.fdPath(sub), h.fsType(), flags, data);
      } finally {
        sys.close(sub);
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

  /** "rw,cpu,cpuacct" → "cpu,cpuacct"; "rw,name=systemd" → "none,name=systemd". */
  static String subsystems(String superOptions) {
    List<String> parts = java.util.Arrays.stream(superOptions.split(","))
        .filter(o -> !o.equals("rw") && !o.equals("ro"))
        .toList();
    String joined = String.join(",", parts);
    return parts.stream().allMatch(p -> p.startsWith("name=")) ? "none," + joined : joined;
  }
}
