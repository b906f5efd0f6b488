package dev.bramble.runtime.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What bramble will build, translated from config.json by {@link ConfigTranslator}: paths resolved, options parsed,
 * defaults applied. The setup code reads only this, never the raw spec.
 */
public record ContainerConfig(
    String id,
    Path bundle,
    Path rootfs,
    boolean readonlyRoot,
    List<NamespaceConfig> namespaces,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    long rootPropagation,
    List<MountConfig> mounts,
    List<DeviceConfig> devices,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String hostname,
    String domainname,
    ProcessConfig process,
    Map<String, String> annotations,
    Map<String, String> sysctl,
    Long personality,
    List<TimeOffset> timeOffsets,
    LaunchOptions launch,
    dev.bramble.runtime.seccomp.SeccompConfig seccomp) {

  /** A container without the optional settings added after the first version (tests build these by hand). */
  public ContainerConfig(String id, java.nio.file.Path bundle, java.nio.file.Path rootfs, boolean readonlyRoot,
      List<NamespaceConfig> namespaces, List<IdMapping> uidMappings, List<IdMapping> gidMappings,
      long rootPropagation, List<MountConfig> mounts, List<DeviceConfig> devices, List<String> maskedPaths,
      List<String> readonlyPaths, String hostname, String domainname, ProcessConfig process,
      Map<String, String> annotations) {
    this(id, bundle, rootfs, readonlyRoot, namespaces, uidMappings, gidMappings, rootPropagation, mounts, devices,
        maskedPaths, readonlyPaths, hostname, domainname, process, annotations, Map.of(), null, List.of(),
        LaunchOptions.DEFAULT, dev.bramble.runtime.seccomp.SeccompConfig.NONE);
  }

  /** linux.timeOffsets: the offset of one clock (monotonic or boottime) in a new time namespace. */
  public record TimeOffset(String clock, long seconds, long nanoseconds) {}

  /**
   * How this particular create/run was asked to launch, beyond config.json (runc's flags and environment).
   *
   * @param noPivot --no-pivot: chroot instead of pivot_root
   * @param noNewKeyring --no-new-keyring: keep the caller's session keyring
   * @param preservedFds --preserve-fds plus LISTEN_FDS: fds 3.. handed to the init
   * @param extraEnv added to process.env (LISTEN_FDS=N, LISTEN_PID=1 with socket activation)
   */
  public record LaunchOptions(boolean noPivot, boolean noNewKeyring, int preservedFds, List<String> extraEnv) {
    public static final LaunchOptions DEFAULT = new LaunchOptions(false, false, 0, List.of());

    public LaunchOptions {
      extraEnv = List.copyOf(extraEnv);
    }
  }

  public ContainerConfig withLaunch(LaunchOptions options) {
    return new ContainerConfig(id, bundle, rootfs, readonlyRoot, namespaces, uidMappings, gidMappings,
        rootPropagation, mounts, devices, maskedPaths, readonlyPaths, hostname, domainname, process, annotations,
        sysctl, personality, timeOffsets, options, seccomp);
  }

  /** The environment the entrypoint gets: process.env plus what the launch adds. */
  public List<String> environment() {
    if (launch.extraEnv().isEmpty()) {
      return process.env();
    }
    List<String> env = new java.util.ArrayList<>(process.env());
    env.addAll(launch.extraEnv());
    return env;
  }

  /** A namespace to create (path null) or to join (path set). */
  public record NamespaceConfig(NamespaceType type, String path) {
    public boolean joins() {
      return path != null && !path.isEmpty();
    }
  }

  public record IdMapping(long containerId, long hostId, long size) {
    /** The line format of /proc/PID/uid_map. */
    public String line() {
      return containerId + " " + hostId + " " + size + "\n";
    }
  }

  /** One mount; {@code jsonPath} names it in errors ("mounts[3]"). */
  public record MountConfig(String destination, String type, String source, MountOptions options, String jsonPath) {}

  /** A device node to create: type 'c', 'b', 'u' or 'p'. */
  public record DeviceConfig(String path, char type, long major, long minor, int fileMode, int uid, int gid) {}

  public record Rlimit(int resource, long soft, long hard) {}

  /** Capability sets as bit masks over capability numbers. */
  public record CapabilitySets(long bounding, long effective, long inheritable, long permitted, long ambient) {}

  public record ProcessConfig(
      List<String> args,
      List<String> env,
      String cwd,
      int uid,
      int gid,
      List<Integer> additionalGids,
      Integer umask,
      boolean noNewPrivileges,
      boolean terminal,
      CapabilitySets capabilities,
      List<Rlimit> rlimits,
      Integer oomScoreAdj,
      ConsoleSize consoleSize,
      String apparmorProfile,
      SchedAttr scheduler,
      Integer ioPriority) {}

  /** struct sched_attr's settable fields (process.scheduler), numbers already resolved. */
  public record SchedAttr(int policy, long flags, int nice, int priority, long runtime, long deadline, long period) {}

  /** process.consoleSize: rows and columns of the terminal, or null for the kernel's default. */
  public record ConsoleSize(int rows, int columns) {}

  public boolean hasNamespace(NamespaceType type) {
    return namespaces.stream().anyMatch(n -> n.type() == type);
  }

  public boolean createsNamespace(NamespaceType type) {
    return namespaces.stream().anyMatch(n -> n.type() == type && !n.joins());
  }
}
