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
    Map<String, String> annotations) {

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
      ConsoleSize consoleSize) {}

  /** process.consoleSize: rows and columns of the terminal, or null for the kernel's default. */
  public record ConsoleSize(int rows, int columns) {}

  public boolean hasNamespace(NamespaceType type) {
    return namespaces.stream().anyMatch(n -> n.type() == type);
  }

  public boolean createsNamespace(NamespaceType type) {
    return namespaces.stream().anyMatch(n -> n.type() == type && !n.joins());
  }
}
