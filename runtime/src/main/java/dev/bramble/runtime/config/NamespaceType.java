package dev.bramble.runtime.config;

import java.util.Arrays;
import java.util.Optional;

/** The OCI namespace types with their clone(2) flag and /proc/PID/ns entry name (include/uapi/linux/sched.h). */
public enum NamespaceType {
  // Order matters: a joined user namespace must be entered first, so that the others are entered with its rights.
  USER("user", 0x10000000L, "user"),
  MOUNT("mount", 0x00020000L, "mnt"),
  UTS("uts", 0x04000000L, "uts"),
  IPC("ipc", 0x08000000L, "ipc"),
  NETWORK("network", 0x40000000L, "net"),
  CGROUP("cgroup", 0x02000000L, "cgroup"),
  PID("pid", 0x20000000L, "pid"),
  TIME("time", 0x00000080L, "time");

  private final String ociName;
  private final long cloneFlag;
  private final String procName;

  NamespaceType(String ociName, long cloneFlag, String procName) {
    this.ociName = ociName;
    this.cloneFlag = cloneFlag;
    this.procName = procName;
  }

  public static Optional<NamespaceType> fromOci(String name) {
    return Arrays.stream(values()).filter(t -> t.ociName.equals(name)).findFirst();
  }

  public String ociName() {
    return ociName;
  }

  public long cloneFlag() {
    return cloneFlag;
  }

  /** The entry under /proc/PID/ns/ ("mnt" for mount, "net" for network). */
  public String procName() {
    return procName;
  }
}
