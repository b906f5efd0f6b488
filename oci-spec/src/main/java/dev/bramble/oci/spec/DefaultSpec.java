package dev.bramble.oci.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config.json {@code bramble spec} writes: the same defaults as {@code runc spec} (runc
 * libcontainer/specconv/example.go), with hostname "bramble" and ociVersion {@link
 * SpecVersion#CURRENT}. The rootless variant follows runc's ToRootless, and additionally drops the
 * /sys/fs/cgroup mount, which an unprivileged user cannot mount (the host's is already visible
 * through the rbind of /sys).
 */
public final class DefaultSpec {
  /** Hostname of the default container. */
  public static final String HOSTNAME = "bramble";

  private static final List<String> DEFAULT_CAPABILITIES =
      List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  private static final List<String> MASKED_PATHS =
      List.of(
          "/proc/acpi",
          "/proc/asound",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/sys/firmware",
          "/proc/scsi");

  private static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /**
   * What to generate. {@code cgroupNamespace} adds a cgroup namespace (runc does so on a cgroup v2
   * host); {@code hostUid}/{@code hostGid} are mapped to root in the rootless variant.
   */
  public record Options(boolean rootless, boolean cgroupNamespace, long hostUid, long hostGid) {}

  private DefaultSpec() {}

  /**
   * The default spec for this host: cgroup namespace when /sys/fs/cgroup is cgroup v2, and for
   * {@code rootless} a user namespace mapping the current effective uid/gid to root.
   */
  public static Spec create(boolean rootless) {
    long[] ids = rootless ? currentEffectiveIds() : new long[] {0, 0};
    return create(new Options(rootless, isCgroupV2(), ids[0], ids[1]));
  }

  /** The default spec for explicit options (deterministic; for tests and other hosts). */
  public static Spec create(Options options) {
    Spec spec = rootful(options.cgroupNamespace());
    return options.rootless() ? toRootless(spec, options.hostUid(), options.hostGid()) : spec;
  }

  /**
   * Converts a spec for an unprivileged user, as runc's ToRootless does: no network namespace, a
   * user namespace mapping {@code hostUid}/{@code hostGid} to 0, /sys bind-mounted read-only, no
   * uid=/gid= mount options, no cgroup mount, no resources.
   */
  public static Spec toRootless(Spec spec, long hostUid, long hostGid) {
    Linux linux = spec.linux() == null ? emptyLinux() : spec.linux();
    List<LinuxNamespace> namespaces = new ArrayList<>();
    if (linux.namespaces() != null) {
      for (LinuxNamespace namespace : linux.namespaces()) {
        if (!"network".equals(namespace.type()) && !"user".equals(namespace.type())) {
          namespaces.add(namespace);
        }
      }
    }
    namespaces.add(new LinuxNamespace("user", null));

    List<Mount> mounts = new ArrayList<>();
    for (Mount mount : spec.mounts() == null ? List.<Mount>of() : spec.mounts()) {
      String destination = Path.of(mount.destination()).normalize().toString();
      if (destination.equals("/sys")) {
        mounts.add(
            new Mount(
                "/sys",
                "none",
                "/sys",
                List.of("rbind", "nosuid", "noexec", "nodev", "ro"),
                null,
                null));
      } else if (!destination.equals("/sys/fs/cgroup")) {
        mounts.add(mount.withOptions(withoutIdOptions(mount.options())));
      }
    }
    Linux rootless =
        linux
            .withNamespaces(namespaces)
            .withUidMappings(List.of(new LinuxIdMapping(0L, hostUid, 1L)))
            .withGidMappings(List.of(new LinuxIdMapping(0L, hostGid, 1L)))
            .withResources(null);
    return spec.withMounts(mounts).withLinux(rootless);
  }

  private static List<String> withoutIdOptions(List<String> options) {
    if (options == null) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String option : options) {
      if (!option.startsWith("uid=") && !option.startsWith("gid=")) {
        kept.add(option);
      }
    }
    return kept;
  }

  private static Spec rootful(boolean cgroupNamespace) {
    Process process =
        new Process(
            true,
            null,
            new User(0L, 0L, null, null, null),
            List.of("sh"),
            null,
            List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"),
            "/",
            new LinuxCapabilities(
                DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, null, DEFAULT_CAPABILITIES, null),
            List.of(new PosixRlimit("RLIMIT_NOFILE", 1024L, 1024L)),
            true,
            null,
            null,
            null,
            null,
            null,
            null);
    List<Mount> mounts =
        List.of(
            mount("/proc", "proc", "proc", null),
            mount(
                "/dev",
                "tmpfs",
                "tmpfs",
                List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            mount(
                "/dev/pts",
                "devpts",
                "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            mount(
                "/dev/shm",
                "tmpfs",
                "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
            mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            mount(
                "/sys/fs/cgroup",
                "cgroup",
                "cgroup",
                List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
    List<LinuxNamespace> namespaces = new ArrayList<>();
    for (String type : List.of("pid", "network", "ipc", "uts", "mount")) {
      namespaces.add(new LinuxNamespace(type, null));
    }
    if (cgroupNamespace) {
      namespaces.add(new LinuxNamespace("cgroup", null));
    }
    LinuxResources denyAllDevices =
        new LinuxResources(
            List.of(new LinuxDeviceCgroup(false, null, null, null, "rwm")),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Linux linux =
        emptyLinux()
            .withResources(denyAllDevices)
            .withNamespaces(namespaces)
            .withMaskedPaths(MASKED_PATHS)
            .withReadonlyPaths(READONLY_PATHS);
    return new Spec(
        SpecVersion.CURRENT,
        process,
        new Root("rootfs", true),
        HOSTNAME,
        null,
        mounts,
        null,
        null,
        linux);
  }

  private static Mount mount(String destination, String type, String source, List<String> options) {
    return new Mount(destination, type, source, options, null, null);
  }

  private static Linux emptyLinux() {
    return new Linux(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** runc's test: cgroup v2 ("unified") when /sys/fs/cgroup has cgroup.controllers. */
  static boolean isCgroupV2() {
    return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
  }

  /** Effective uid and gid from /proc/self/status (no native code in this module). */
  static long[] currentEffectiveIds() {
    try {
      long uid = -1;
      long gid = -1;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        // "Uid:\treal\teffective\tsaved\tfs"
        if (line.startsWith("Uid:")) {
          uid = Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
        } else if (line.startsWith("Gid:")) {
          gid = Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
        }
      }
      if (uid < 0 || gid < 0) {
        throw new IllegalStateException("/proc/self/status has no Uid:/Gid: lines");
      }
      return new long[] {uid, gid};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the current uid/gid from /proc/self/status", e);
    }
  }
}
