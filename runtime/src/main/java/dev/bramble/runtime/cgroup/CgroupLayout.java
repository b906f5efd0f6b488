package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.linux.ProcFs;
import dev.bramble.runtime.setup.MountInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cgroup hierarchies this process can see: on a cgroup v2 host one unified hierarchy; on a v1 or hybrid host
 * (systemd's "hybrid": v1 controllers plus a cgroup2 mount without them) one hierarchy per v1 mount plus the
 * unified one. A container gets a directory in every hierarchy; each resource is written in the hierarchy that
 * holds its controller, so a hybrid host whose hugetlb controller lives in cgroup v2 gets hugetlb limits there.
 */
public record CgroupLayout(List<Hierarchy> hierarchies) {
  private static final Path SELF_MOUNTINFO = Path.of("/proc/self/mountinfo");

  public CgroupLayout {
    hierarchies = List.copyOf(hierarchies);
  }

  /** The layout of the running host, from /proc/self/mountinfo and the unified root's cgroup.controllers. */
  public static CgroupLayout host() {
    try {
      return of(MountInfo.parse(ProcFs.read(SELF_MOUNTINFO)), CgroupLayout::readFirstLine);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + SELF_MOUNTINFO, e);
    }
  }

  /**
   * @param mounts the mount table
   * @param readLine reads the first line of a file (for the unified root's cgroup.controllers), empty if missing
   */
  public static CgroupLayout of(List<MountInfo> mounts, Function<Path, Optional<String>> readLine) {
    Map<String, Hierarchy> byKey = new LinkedHashMap<>();
    for (MountInfo m : mounts) {
      Hierarchy h;
      if (m.fsType().equals("cgroup2")) {
        Path mount = Path.of(m.mountPoint());
        Set<String> offered = readLine.apply(mount.resolve("cgroup.controllers"))
            .map(line -> Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()))
            .orElse(Set.of());
        h = new Hierarchy("", mount, m.root(), true, offered);
      } else if (m.fsType().equals("cgroup")) {
        List<String> options = Arrays.stream(m.superOptions().split(","))
            .filter(o -> !o.equals("rw") && !o.equals("ro")).toList();
        List<String> controllers = options.stream().filter(CgroupLayout::isV1Controller).toList();
        List<String> names = options.stream().filter(o -> o.startsWith("name=")).toList();
        String key = String.join(",", controllers.isEmpty() ? names : controllers);
        if (key.isEmpty()) {
          continue;
        }
        h = new Hierarchy(key, Path.of(m.mountPoint()), m.root(), false, Set.copyOf(controllers));
      } else {
        continue;
      }
      Hierarchy seen = byKey.get(h.key());
      // the same hierarchy may be mounted twice (bind mounts): prefer the mount that shows its whole tree
      if (seen == null || !seen.root().equals("/") && h.root().equals("/")) {
        byKey.put(h.key(), h);
      }
    }
    return new CgroupLayout(new ArrayList<>(byKey.values()));
  }

  /** The v1 controller names the kernel knows (a "name=" hierarchy has none). */
  static boolean isV1Controller(String option) {
    return switch (option) {
      case "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "net_prio", "blkio",
          "perf_event", "hugetlb", "pids", "rdma", "misc" -> true;
      default -> false;
    };
  }

  public Optional<Hierarchy> unified() {
    return hierarchies.stream().filter(Hierarchy::unified).findFirst();
  }

  /** A pure cgroup v2 host: the unified hierarchy is the only one. */
  public boolean unifiedOnly() {
    return !hierarchies.isEmpty() && hierarchies.stream().allMatch(Hierarchy::unified);
  }

  /** The hierarchy that holds {@code controller}: its v1 hierarchy if one is mounted, otherwise cgroup v2. */
  public Optional<Hierarchy> holding(String controller) {
    Optional<Hierarchy> v1 = hierarchies.stream().filter(h -> !h.unified() && h.has(controller)).findFirst();
    return v1.isPresent() ? v1 : unified().filter(h -> h.has(controller));
  }

  private static Optional<String> readFirstLine(Path file) {
    try {
      return Files.readAllLines(file).stream().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
