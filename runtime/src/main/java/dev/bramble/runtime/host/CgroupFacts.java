package dev.bramble.runtime.host;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup layout and the controllers bramble could put a container under. Controllers come from the cgroup v2
 * root's {@code cgroup.controllers} and from the mounted v1 hierarchies — never from /proc/cgroups, which from Linux
 * 6.12 (CONFIG_MEMCG_V1 off) no longer lists {@code memory} at all.
 *
 * @param mode how cgroups are mounted
 * @param controllers controller name to the file or mount it was seen in
 * @param unifiedMount where cgroup2 is mounted, if anywhere
 * @param source what was read
 * @param v2Controllers the controllers cgroup v2 offers (its root's cgroup.controllers); the others are v1's
 * @param hugepageSizes the huge page sizes the kernel has, as hugetlb names them ("2MB", "1GB")
 * @param v1RootFiles optional interface files found at the root of the v1 hierarchies, which tell kernel features
 *     apart: cpu.rt_runtime_us (CONFIG_RT_GROUP_SCHED), memory.memsw.limit_in_bytes (swap accounting),
 *     cpu.cfs_burst_us, cpu.idle
 */
public record CgroupFacts(Mode mode, Map<String, String> controllers, Optional<String> unifiedMount, String source,
    Set<String> v2Controllers, List<String> hugepageSizes, Set<String> v1RootFiles) {
  /** The cgroup layouts systemd and distributions use. */
  public enum Mode {
    /** cgroup2 mounted at /sys/fs/cgroup (the default since Debian 11, Ubuntu 21.10, Raspberry Pi OS bullseye). */
    V2("cgroup v2 (unified)"),
    /** v1 controllers plus a cgroup2 mount without controllers (systemd "hybrid"). */
    HYBRID("hybrid (v1 controllers + cgroup2 at a sub-mount)"),
    V1("cgroup v1 (legacy)"),
    NONE("no cgroup file system mounted");

    private final String text;

    Mode(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /** Controller names a v1 hierarchy's mount options can carry. */
  private static final Set<String> V1_CONTROLLERS = Set.of(
      "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "net_prio", "blkio", "perf_event",
      "hugetlb", "pids", "rdma", "misc");

  /** Root files of v1 hierarchies worth knowing about (see {@link #v1RootFiles}). */
  private static final Set<String> FEATURE_FILES = Set.of("cpu.rt_runtime_us", "memory.memsw.limit_in_bytes",
      "cpu.cfs_burst_us", "cpu.idle");

  public CgroupFacts {
    controllers = Map.copyOf(controllers);
    v2Controllers = Set.copyOf(v2Controllers);
    hugepageSizes = List.copyOf(hugepageSizes);
    v1RootFiles = Set.copyOf(v1RootFiles);
  }

  public CgroupFacts(Mode mode, Map<String, String> controllers, Optional<String> unifiedMount, String source) {
    this(mode, controllers, unifiedMount, source, Set.of(), List.of(), Set.of());
  }

  public static CgroupFacts read(HostFiles files) {
    String mountsPath = files.exists("/proc/self/mounts") ? "/proc/self/mounts" : "/proc/mounts";
    Optional<String> mounts = files.read(mountsPath);
    if (mounts.isEmpty()) {
      return new CgroupFacts(Mode.NONE, Map.of(), Optional.empty(), mountsPath + " (not readable)");
    }
    String unified = null;
    Map<String, String> controllers = new LinkedHashMap<>();
    Set<String> v2Controllers = new java.util.TreeSet<>();
    Set<String> rootFiles = new java.util.TreeSet<>();
    boolean anyV1 = false;
    for (String line : mounts.get().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      String mountPoint = unescape(f[1]);
      if (f[2].equals("cgroup2") && unified == null) {
        unified = mountPoint;
      } else if (f[2].equals("cgroup")) {
        for (String option : f[3].split(",")) {
          if (V1_CONTROLLERS.contains(option)) {
            anyV1 = true;
            controllers.putIfAbsent(option, "cgroup v1 hierarchy " + mountPoint + " (" + mountsPath + ")");
          }
        }
        for (String name : files.list(mountPoint)) {
          if (FEATURE_FILES.contains(name)) {
            rootFiles.add(name);
          }
        }
      }
    }
    StringBuilder source = new StringBuilder(mountsPath);
    if (unified != null) {
      String file = unified + "/cgroup.controllers";
      source.append(", ").append(file);
      for (String c : files.firstLine(file).map(l -> l.split("\\s+")).orElse(new String[0])) {
        if (!c.isEmpty()) {
          controllers.putIfAbsent(c, file);
          v2Controllers.add(c);
        }
      }
    }
    Mode mode;
    if (unified != null && unified.equals("/sys/fs/cgroup") && !anyV1) {
      mode = Mode.V2;
    } else if (unified != null && anyV1) {
      mode = Mode.HYBRID;
    } else if (anyV1) {
      mode = Mode.V1;
    } else if (unified != null) {
      mode = Mode.V2;
    } else {
      mode = Mode.NONE;
    }
    List<String> hugepages = files.list("/sys/kernel/mm/hugepages").stream()
        .filter(n -> n.startsWith("hugepages-") && n.endsWith("kB"))
        .map(CgroupFacts::hugepageName).toList();
    return new CgroupFacts(mode, controllers, Optional.ofNullable(unified), source.toString(), v2Controllers,
        hugepages, rootFiles);
  }

  /** "hugepages-2048kB" → "2MB", "hugepages-64kB" → "64KB": a sysfs huge page directory as hugetlb names it. */
  public static String hugepageName(String sysfsName) {
    long kb = Long.parseLong(sysfsName.substring("hugepages-".length(), sysfsName.length() - 2));
    if (kb % (1024 * 1024) == 0) {
      return kb / (1024 * 1024) + "GB";
    }
    return kb % 1024 == 0 ? kb / 1024 + "MB" : kb + "KB";
  }

  public boolean has(String controller) {
    return controllers.containsKey(controller);
  }

  /** Whether the controller is there and bound to cgroup v2 (rather than a v1 hierarchy). */
  public boolean onV2(String controller) {
    return has(controller) && v2Controllers.contains(controller)
        && !controllers.get(controller).startsWith("cgroup v1 hierarchy");
  }

  /** Sorted controller names, for display. */
  public List<String> names() {
    return controllers.keySet().stream().sorted().toList();
  }

  /** Mount points in /proc/mounts escape blanks as octal ({@code \040}). */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char ch = field.charAt(i);
      if (ch == '\\' && i + 3 < field.length() && Arrays.asList('0', '1', '2', '3').contains(field.charAt(i + 1))) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
