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
    if (spec.process().selinuxLabel() != null && !spec.process().selinuxLabel().isEmpty()) {
      throw new ConfigException("process.selinuxLabel", "SELinux labels are not supported by bramble",
          "remove process.selinuxLabel (runc refuses it too unless SELinux is enabled)");
    }
    if (linux.mountLabel() != null && !linux.mountLabel().isEmpty()) {
      throw new ConfigException("linux.mountLabel", "SELinux mount labels are not supported by bramble",
          "remove linux.mountLabel");
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
        spec.annotations() == null ? Map.of() : spec.annotations(),
        linux.sysctl() == null ? Map.of() : linux.sysctl(), personality(linux), timeOffsets(linux),
        ContainerConfig.LaunchOptions.DEFAULT,
        dev.bramble.runtime.seccomp.SeccompConfig.from(linux, spec.annotations() == null ? Map.of()
            : spec.annotations()));
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
            (int) nz(p.consoleSize().height()), (int) nz(p.consoleSize().width())),
        p.apparmorProfile() == null || p.apparmorProfile().isEmpty() ? null : p.apparmorProfile(),
        scheduler(p), ioPriority(p));
  }

  private static final Map<String, Integer> SCHED_POLICIES = Map.of("SCHED_OTHER", 0, "SCHED_FIFO", 1,
      "SCHED_RR", 2, "SCHED_BATCH", 3, "SCHED_ISO", 4, "SCHED_IDLE", 5, "SCHED_DEADLINE", 6);
  private static final Map<String, Long> SCHED_FLAGS = Map.of("SCHED_FLAG_RESET_ON_FORK", 0x01L,
      "SCHED_FLAG_RECLAIM", 0x02L, "SCHED_FLAG_DL_OVERRUN", 0x04L, "SCHED_FLAG_KEEP_POLICY", 0x08L,
      "SCHED_FLAG_KEEP_PARAMS", 0x10L, "SCHED_FLAG_UTIL_CLAMP_MIN", 0x20L, "SCHED_FLAG_UTIL_CLAMP_MAX", 0x40L);
  private static final Map<String, Integer> IOPRIO_CLASSES = Map.of("IOPRIO_CLASS_RT", 1, "IOPRIO_CLASS_BE", 2,
      "IOPRIO_CLASS_IDLE", 3);
  /** personality(2) domains: PER_LINUX and PER_LINUX32. */
  private static final Map<String, Long> PERSONALITY_DOMAINS = Map.of("LINUX", 0L, "LINUX32", 0x0008L);

  private static ContainerConfig.SchedAttr scheduler(Process p) {
    if (p.scheduler() == null) {
      return null;
    }
    Integer policy = SCHED_POLICIES.get(p.scheduler().policy());
    if (policy == null) {
      throw new ConfigException("process.scheduler.policy", "unknown policy \"" + p.scheduler().policy() + "\"",
          "use one of " + SCHED_POLICIES.keySet());
    }
    long flags = 0;
    List<String> names = orEmpty(p.scheduler().flags());
    for (int i = 0; i < names.size(); i++) {
      Long f = SCHED_FLAGS.get(names.get(i));
      if (f == null) {
        throw new ConfigException("process.scheduler.flags[" + i + "]", "unknown flag \"" + names.get(i) + "\"",
            "use one of " + SCHED_FLAGS.keySet());
      }
      flags |= f;
    }
    Integer nice = p.scheduler().nice(), priority = p.scheduler().priority();
    return new ContainerConfig.SchedAttr(policy, flags, nice == null ? 0 : nice, priority == null ? 0 : priority,
        nz(p.scheduler().runtime()), nz(p.scheduler().deadline()), nz(p.scheduler().period()));
  }

  private static Integer ioPriority(Process p) {
    if (p.ioPriority() == null) {
      return null;
    }
    Integer ioClass = IOPRIO_CLASSES.get(p.ioPriority().ioClass());
    if (ioClass == null) {
      throw new ConfigException("process.ioPriority.class", "unknown class \"" + p.ioPriority().ioClass() + "\"",
          "use one of " + IOPRIO_CLASSES.keySet());
    }
    int priority = p.ioPriority().priority() == null ? 0 : p.ioPriority().priority();
    return ioClass << 13 | priority; // IOPRIO_PRIO_VALUE(class, data)
  }

  private static Long personality(Linux linux) {
    if (linux.personality() == null) {
      return null;
    }
    Long domain = PERSONALITY_DOMAINS.get(linux.personality().domain());
    if (domain == null) {
      throw new ConfigException("linux.personality.domain", "unknown domain \"" + linux.personality().domain()
          + "\"", "use LINUX or LINUX32");
    }
    if (!orEmpty(linux.personality().flags()).isEmpty()) {
      throw new ConfigException("linux.personality.flags", "no personality flags are defined by the OCI spec",
          "remove linux.personality.flags");
    }
    return domain;
  }

  private static List<ContainerConfig.TimeOffset> timeOffsets(Linux linux) {
    if (linux.timeOffsets() == null) {
      return List.of();
    }
    return linux.timeOffsets().entrySet().stream()
        .map(e -> new ContainerConfig.TimeOffset(e.getKey(), nz(e.getValue().secs()), nz(e.getValue().nanosecs())))
        .toList();
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
