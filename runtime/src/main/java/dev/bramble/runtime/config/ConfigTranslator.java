package dev.bramble.runtime.config;

import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxCapabilities;
import dev.bramble.oci.spec.LinuxDevice;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.Mount;
import dev.bramble.oci.spec.PosixRlimit;
import dev.bramble.oci.spec.Process;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.spec.User;
import dev.bramble.runtime.config.ContainerConfig.CapabilitySets;
import dev.bramble.runtime.config.ContainerConfig.DeviceConfig;
import dev.bramble.runtime.config.ContainerConfig.IdMapping;
import dev.bramble.runtime.config.ContainerConfig.MountConfig;
import dev.bramble.runtime.config.ContainerConfig.NamespaceConfig;
import dev.bramble.runtime.config.ContainerConfig.ProcessConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns a validated config.json into a {@link ContainerConfig} (runc's specconv step): resolves the rootfs against
 * the bundle, parses mount options, maps names to numbers, applies runc's defaults. Refuses, with the JSON path and
 * a remedy, what the validator allows but bramble cannot build.
 */
public final class ConfigTranslator {
  private static final Map<String, Long> PROPAGATION = Map.of(
      "private", MountFlags.PRIVATE, "rprivate", MountFlags.PRIVATE | MountFlags.REC,
      "slave", MountFlags.SLAVE, "rslave", MountFlags.SLAVE | MountFlags.REC,
      "shared", MountFlags.SHARED, "rshared", MountFlags.SHARED | MountFlags.REC,
      "unbindable", MountFlags.UNBINDABLE, "runbindable", MountFlags.UNBINDABLE | MountFlags.REC);

  /** The nodes runc puts in every container's /dev (libcontainer/specconv AllowedDevices). */
  private static final List<DeviceConfig> DEFAULT_DEVICES = List.of(
      new DeviceConfig("/dev/null", 'c', 1, 3, 0666, 0, 0),
      new DeviceConfig("/dev/zero", 'c', 1, 5, 0666, 0, 0),
      new DeviceConfig("/dev/full", 'c', 1, 7, 0666, 0, 0),
      new DeviceConfig("/dev/random", 'c', 1, 8, 0666, 0, 0),
      new DeviceConfig("/dev/urandom", 'c', 1, 9, 0666, 0, 0),
      new DeviceConfig("/dev/tty", 'c', 5, 0, 0666, 0, 0));

  private final int lastCapability;

  /** @param lastCapability the host's /proc/sys/kernel/cap_last_cap; higher capabilities are dropped as runc does */
  public ConfigTranslator(int lastCapability) {
    this.lastCapability = Math.min(lastCapability, Capability.last());
  }

  public ContainerConfig translate(String id, Path bundle, Spec spec) {
    Linux linux = spec.linux() != null ? spec.linux() : emptyLinux();
    if (spec.root() == null || spec.root().path() == null) {
      throw new ConfigException("root.path", "no root filesystem given", "set root.path (usually \"rootfs\")");
    }
    Path rootfs = bundle.resolve(spec.root().path()).normalize();
    if (!Files.isDirectory(rootfs)) {
      throw new ConfigException("root.path", "the root filesystem " + rootfs + " is not a directory",
          "create it or point root.path at an unpacked image");
    }
    if (spec.process() == null) {
      throw new ConfigException("process", "no process given", "config.json needs a process to run");
    }
    List<NamespaceConfig> namespaces = namespaces(linux);
    if (namespaces.stream().noneMatch(n -> n.type() == NamespaceType.MOUNT && !n.joins())) {
      throw new ConfigException("linux.namespaces", "bramble needs a new mount namespace to build the root "
          + "filesystem", "add {\"type\": \"mount\"} to linux.namespaces");
    }
    long rootPropagation = MountFlags.SLAVE | MountFlags.REC;
    if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()) {
      Long p = PROPAGATION.get(linux.rootfsPropagation());
      if (p == null) {
        throw new ConfigException("linux.rootfsPropagation", "unknown propagation \""
            + linux.rootfsPropagation() + "\"", "use one of " + PROPAGATION.keySet());
      }
      rootPropagation = p;
    }
    return new ContainerConfig(id, bundle, rootfs, Boolean.TRUE.equals(spec.root().readonly()), namespaces,
        mappings(linux.uidMappings()), mappings(linux.gidMappings()), rootPropagation, mounts(spec.mounts()),
        devices(linux.devices()), orEmpty(linux.maskedPaths()), orEmpty(linux.readonlyPaths()),
        spec.hostname(), spec.domainname(), process(spec.process()),
        spec.annotations() == null ? Map.of() : spec.annotations());
  }

  private static Linux emptyLinux() {
    return new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        Map.of());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static List<NamespaceConfig> namespaces(Linux linux) {
    List<NamespaceConfig> out = new ArrayList<>();
    List<LinuxNamespace> declared = orEmpty(linux.namespaces());
    for (int i = 0; i < declared.size(); i++) {
      LinuxNamespace ns = declared.get(i);
      int index = i;
      NamespaceType type = NamespaceType.fromOci(ns.type()).orElseThrow(() -> new ConfigException(
          "linux.namespaces[" + index + "].type", "unknown namespace type \"" + ns.type() + "\"",
          "use pid, network, mount, ipc, uts, user, cgroup or time"));
      out.add(new NamespaceConfig(type, ns.path()));
    }
    out.sort(Comparator.comparing(NamespaceConfig::type));
    return List.copyOf(out);
  }

  private static List<IdMapping> mappings(List<LinuxIdMapping> list) {
    return orEmpty(list).stream()
        .map(m -> new IdMapping(nz(m.containerID()), nz(m.hostID()), nz(m.size())))
        .toList();
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  private static List<MountConfig> mounts(List<Mount> mounts) {
    List<MountConfig> out = new ArrayList<>();
    List<Mount> list = orEmpty(mounts);
    for (int i = 0; i < list.size(); i++) {
      Mount m = list.get(i);
      String path = "mounts[" + i + "]";
      if (m.uidMappings() != null && !m.uidMappings().isEmpty()
          || m.gidMappings() != null && !m.gidMappings().isEmpty()) {
        throw new ConfigException(path + ".uidMappings", "id-mapped mounts are not supported by bramble yet",
            "remove the mount's uidMappings/gidMappings");
      }
      MountOptions options = MountOptions.parse(orEmpty(m.options()), path + ".options");
      String type = m.type() == null ? "" : m.type();
      if (type.equals("bind") && !options.bind()) {
        // type "bind" without bind/rbind in options still means a (non-recursive) bind mount, as in runc
        options = new MountOptions(options.flags() | MountFlags.BIND, options.clearedFlags(),
            options.propagation(), options.data());
      } else if (type.isEmpty() && !options.bind()) {
        throw new ConfigException(path + ".type", "a mount without a type must be a bind mount",
            "set type (e.g. \"tmpfs\") or add \"bind\"/\"rbind\" to options");
      }
      out.add(new MountConfig(m.destination(), type, m.source(), options, path));
    }
    return List.copyOf(out);
  }

  private static List<DeviceConfig> devices(List<LinuxDevice> devices) {
    List<DeviceConfig> out = new ArrayList<>(DEFAULT_DEVICES);
    List<LinuxDevice> list = orEmpty(devices);
    for (int i = 0; i < list.size(); i++) {
      LinuxDevice d = list.get(i);
      String type = d.type() == null ? "" : d.type();
      if (type.length() != 1 || "cbup".indexOf(type.charAt(0)) < 0) {
        throw new ConfigException("linux.devices[" + i + "].type", "unknown device type \"" + type + "\"",
            "use c, b, u or p");
      }
      out.removeIf(existing -> existing.path().equals(d.path()));
      out.add(new DeviceConfig(d.path(), type.charAt(0), nz(d.major()), nz(d.minor()),
          d.fileMode() == null ? 0666 : d.fileMode().intValue(), (int) nz(d.uid()), (int) nz(d.gid())));
    }
    return List.copyOf(out);
  }

  /** An OCI process (config.json's, or an exec's process.json) as bramble will run it. */
  public ProcessConfig translateProcess(Process p) {
    return process(p);
  }

  private ProcessConfig process(Process p) {
    User user = p.user();
    List<Integer> groups = user == null || user.additionalGids() == null ? List.of()
        : user.additionalGids().stream().map(Long::intValue).toList();
    List<ContainerConfig.Rlimit> rlimits = new ArrayList<>();
    List<PosixRlimit> declared = orEmpty(p.rlimits());
    for (int i = 0; i < declared.size(); i++) {
      PosixRlimit r = declared.get(i);
      int index = i;
      int resource = Rlimit.number(r.type()).orElseThrow(() -> new ConfigException(
          "process.rlimits[" + index + "].type", "unknown rlimit \"" + r.type() + "\"", "use an RLIMIT_* name"));
      rlimits.add(new ContainerConfig.Rlimit(resource, nz(r.soft()), nz(r.hard())));
    }
    return new ProcessConfig(orEmpty(p.args()), orEmpty(p.env()), p.cwd() == null ? "/" : p.cwd(),
        user == null ? 0 : (int) nz(user.uid()), user == null ? 0 : (int) nz(user.gid()), groups,
        user == null || user.umask() == null ? null : user.umask().intValue(),
        Boolean.TRUE.equals(p.noNewPrivileges()), Boolean.TRUE.equals(p.terminal()),
        capabilities(p.capabilities()), List.copyOf(rlimits), p.oomScoreAdj(),
        p.consoleSize() == null ? null : new ContainerConfig.ConsoleSize(
            (int) nz(p.consoleSize().height()), (int) nz(p.consoleSize().width())));
  }

  private CapabilitySets capabilities(LinuxCapabilities caps) {
    if (caps == null) {
      return new CapabilitySets(0, 0, 0, 0, 0);
    }
    return new CapabilitySets(mask(caps.bounding()), mask(caps.effective()), mask(caps.inheritable()),
        mask(caps.permitted()), mask(caps.ambient()));
  }

  private long mask(List<String> names) {
    long mask = 0;
    for (String name : orEmpty(names)) {
      OptionalInt n = Capability.number(name);
      // Unknown or newer-than-this-kernel capabilities are skipped, as runc does (with a warning there).
      if (n.isPresent() && n.getAsInt() <= lastCapability) {
        mask |= 1L << n.getAsInt();
      }
    }
    return mask;
  }

}
