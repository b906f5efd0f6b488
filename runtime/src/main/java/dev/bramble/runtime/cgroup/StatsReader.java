package dev.bramble.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads {@link CgroupStats} from a container's cgroups, each controller from the hierarchy that holds it. */
public final class StatsReader {
  /** cpuacct.stat counts USER_HZ ticks, which is 100 on every Linux architecture. */
  private static final long NS_PER_TICK = 1_000_000_000L / 100;
  private static final List<String> CPUSET_FLAGS = List.of("cpu_exclusive", "mem_hardwall", "mem_exclusive",
      "memory_migrate", "memory_spread_page", "memory_spread_slab", "memory_pressure", "sched_load_balance",
      "sched_relax_domain_level");

  private final CgroupRecord record;

  public StatsReader(CgroupRecord record) {
    this.record = record;
  }

  public CgroupStats read() {
    return new CgroupStats(cpu(), cpuset(), memory(), pids(), blkio(), hugetlb());
  }

  private Optional<CgroupDir> dir(String controller) {
    return record.holding(controller);
  }

  private CgroupStats.Cpu cpu() {
    Optional<CgroupDir> cpu = dir("cpu");
    Optional<CgroupDir> acct = dir("cpuacct");
    if (cpu.isPresent() && cpu.get().unified()) {
      Map<String, Long> s = CgroupFiles.readKeyValues(cpu.get().path(), "cpu.stat");
      return new CgroupStats.Cpu(us(s, "usage_usec"), List.of(), List.of(), List.of(), us(s, "system_usec"),
          us(s, "user_usec"), s.getOrDefault("nr_periods", 0L), s.getOrDefault("nr_throttled", 0L),
          us(s, "throttled_usec"));
    }
    if (cpu.isEmpty() && acct.isEmpty()) {
      // cgroup v2 reports cpu.stat in every cgroup, cpu controller or not
      return record.unified().map(d -> {
        Map<String, Long> s = CgroupFiles.readKeyValues(d.path(), "cpu.stat");
        return new CgroupStats.Cpu(us(s, "usage_usec"), List.of(), List.of(), List.of(), us(s, "system_usec"),
            us(s, "user_usec"), 0, 0, 0);
      }).orElse(CgroupStats.Cpu.NONE);
    }
    long total = 0, kernel = 0, user = 0;
    List<Long> percpu = List.of(), percpuKernel = List.of(), percpuUser = List.of();
    if (acct.isPresent()) {
      Path d = acct.get().path();
      total = CgroupFiles.readLong(d, "cpuacct.usage").orElse(0L);
      percpu = numbers(CgroupFiles.read(d, "cpuacct.usage_percpu").orElse(""));
      percpuKernel = numbers(CgroupFiles.read(d, "cpuacct.usage_percpu_sys").orElse(""));
      percpuUser = numbers(CgroupFiles.read(d, "cpuacct.usage_percpu_user").orElse(""));
      Map<String, Long> stat = CgroupFiles.readKeyValues(d, "cpuacct.stat");
      user = stat.getOrDefault("user", 0L) * NS_PER_TICK;
      kernel = stat.getOrDefault("system", 0L) * NS_PER_TICK;
    }
    Map<String, Long> throttling = cpu.map(d -> CgroupFiles.readKeyValues(d.path(), "cpu.stat")).orElse(Map.of());
    return new CgroupStats.Cpu(total, percpu, percpuKernel, percpuUser, kernel, user,
        throttling.getOrDefault("nr_periods", 0L), throttling.getOrDefault("nr_throttled", 0L),
        throttling.getOrDefault("throttled_time", 0L));
  }

  private static long us(Map<String, Long> stat, String key) {
    return stat.getOrDefault(key, 0L) * 1000;
  }

  private CgroupStats.CpuSet cpuset() {
    return dir("cpuset").map(d -> {
      Path p = d.path();
      String cpusFile = d.unified() ? "cpuset.cpus.effective" : "cpuset.cpus";
      String memsFile = d.unified() ? "cpuset.mems.effective" : "cpuset.mems";
      Map<String, Long> flags = new LinkedHashMap<>();
      if (!d.unified()) {
        for (String f : CPUSET_FLAGS) {
          CgroupFiles.read(p, "cpuset." + f).flatMap(StatsReader::signed).ifPresent(v -> flags.put(f, v));
        }
      }
      return new CgroupStats.CpuSet(ranges(CgroupFiles.read(p, cpusFile).orElse("")),
          ranges(CgroupFiles.read(p, memsFile).orElse("")), flags);
    }).orElse(CgroupStats.CpuSet.NONE);
  }

  private CgroupStats.Memory memory() {
    Optional<CgroupDir> dir = dir("memory");
    if (dir.isEmpty()) {
      return CgroupStats.Memory.NONE;
    }
    Path p = dir.get().path();
    Map<String, Long> raw = new TreeMap<>(CgroupFiles.readKeyValues(p, "memory.stat"));
    if (dir.get().unified()) {
      Map<String, Long> events = CgroupFiles.readKeyValues(p, "memory.events");
      CgroupStats.MemoryEntry usage = new CgroupStats.MemoryEntry(limit(p, "memory.max"),
          CgroupFiles.readLong(p, "memory.current").orElse(0L), CgroupFiles.readLong(p, "memory.peak").orElse(0L),
          events.getOrDefault("max", 0L));
      long swapCurrent = CgroupFiles.readLong(p, "memory.swap.current").orElse(0L);
      long swapLimit = limit(p, "memory.swap.max");
      CgroupStats.MemoryEntry swap = new CgroupStats.MemoryEntry(
          swapLimit == -1 || usage.limit() == -1 ? -1 : swapLimit + usage.limit(), swapCurrent + usage.usage(),
          0, CgroupFiles.readKeyValues(p, "memory.swap.events").getOrDefault("max", 0L));
      return new CgroupStats.Memory(raw.getOrDefault("file", 0L), usage, swap, CgroupStats.MemoryEntry.NONE,
          CgroupStats.MemoryEntry.NONE, raw, events.getOrDefault("oom_kill", 0L));
    }
    return new CgroupStats.Memory(raw.getOrDefault("cache", 0L), v1Entry(p, "memory"),
        v1Entry(p, "memory.memsw"), v1Entry(p, "memory.kmem"), v1Entry(p, "memory.kmem.tcp"), raw,
        CgroupFiles.readKeyValues(p, "memory.oom_control").getOrDefault("oom_kill", 0L));
  }

  private static CgroupStats.MemoryEntry v1Entry(Path p, String prefix) {
    return new CgroupStats.MemoryEntry(limit(p, prefix + ".limit_in_bytes"),
        CgroupFiles.readLong(p, prefix + ".usage_in_bytes").orElse(0L),
        CgroupFiles.readLong(p, prefix + ".max_usage_in_bytes").orElse(0L),
        CgroupFiles.readLong(p, prefix + ".failcnt").orElse(0L));
  }

  /** A limit file's value as the kernel gives it; "max" (and an unreadable file) as -1, i.e. 2^64-1. */
  private static long limit(Path p, String file) {
    return CgroupFiles.readLong(p, file).orElse(-1L);
  }

  private CgroupStats.Pids pids() {
    return dir("pids").map(d -> new CgroupStats.Pids(CgroupFiles.readLong(d.path(), "pids.current").orElse(0L),
        CgroupFiles.readLong(d.path(), "pids.max").orElse(0L))).orElse(new CgroupStats.Pids(0, 0));
  }

  private CgroupStats.Blkio blkio() {
    Optional<CgroupDir> v1 = dir("blkio").filter(d -> !d.unified());
    if (v1.isPresent()) {
      Path p = v1.get().path();
      return new CgroupStats.Blkio(v1Entries(p, "blkio.throttle.io_service_bytes_recursive"),
          v1Entries(p, "blkio.throttle.io_serviced_recursive"));
    }
    return dir("io").filter(CgroupDir::unified).map(d -> ioStat(d.path())).orElse(CgroupStats.Blkio.NONE);
  }

  /** "8:0 Read 4096" lines; the trailing "Total N" line is not per device and is left out, as runc does. */
  private static List<CgroupStats.BlkioEntry> v1Entries(Path p, String file) {
    List<CgroupStats.BlkioEntry> out = new ArrayList<>();
    for (String line : CgroupFiles.read(p, file).orElse("").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].contains(":")) {
        String[] dev = f[0].split(":");
        out.add(new CgroupStats.BlkioEntry(Long.parseLong(dev[0]), Long.parseLong(dev[1]), f[1],
            CgroupFiles.parseLong(f[2]).orElse(0L)));
      }
    }
    return out;
  }

  /** cgroup v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0". */
  private static CgroupStats.Blkio ioStat(Path p) {
    List<CgroupStats.BlkioEntry> bytes = new ArrayList<>();
    List<CgroupStats.BlkioEntry> ios = new ArrayList<>();
    for (String line : CgroupFiles.read(p, "io.stat").orElse("").split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2 || !f[0].contains(":")) {
        continue;
      }
      String[] dev = f[0].split(":");
      long major = Long.parseLong(dev[0]);
      long minor = Long.parseLong(dev[1]);
      for (int i = 1; i < f.length; i++) {
        String[] kv = f[i].split("=");
        long v = kv.length == 2 ? CgroupFiles.parseLong(kv[1]).orElse(0L) : 0;
        switch (kv[0]) {
          case "rbytes" -> bytes.add(new CgroupStats.BlkioEntry(major, minor, "Read", v));
          case "wbytes" -> bytes.add(new CgroupStats.BlkioEntry(major, minor, "Write", v));
          case "rios" -> ios.add(new CgroupStats.BlkioEntry(major, minor, "Read", v));
          case "wios" -> ios.add(new CgroupStats.BlkioEntry(major, minor, "Write", v));
          default -> { }
        }
      }
    }
    return new CgroupStats.Blkio(bytes, ios);
  }

  private Map<String, CgroupStats.Hugetlb> hugetlb() {
    Map<String, CgroupStats.Hugetlb> out = new TreeMap<>();
    dir("hugetlb").ifPresent(d -> {
      for (String size : HugePageSizes.host()) {
        Path p = d.path();
        if (d.unified()) {
          out.put(size, new CgroupStats.Hugetlb(
              CgroupFiles.readLong(p, "hugetlb." + size + ".current").orElse(0L),
              CgroupFiles.readLong(p, "hugetlb." + size + ".max").orElse(0L),
              CgroupFiles.readKeyValues(p, "hugetlb." + size + ".events").getOrDefault("max", 0L)));
        } else {
          out.put(size, new CgroupStats.Hugetlb(
              CgroupFiles.readLong(p, "hugetlb." + size + ".usage_in_bytes").orElse(0L),
              CgroupFiles.readLong(p, "hugetlb." + size + ".max_usage_in_bytes").orElse(0L),
              CgroupFiles.readLong(p, "hugetlb." + size + ".failcnt").orElse(0L)));
        }
      }
    });
    return out;
  }

  private static List<Long> numbers(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty())
        .map(s -> CgroupFiles.parseLong(s).orElse(0L)).toList();
  }

  private static Optional<Long> signed(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** "0-3,8,10-11" → [0, 1, 2, 3, 8, 10, 11]. */
  static List<Integer> ranges(String list) {
    List<Integer> out = new ArrayList<>();
    for (String part : list.trim().split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] bounds = part.split("-");
      int from = Integer.parseInt(bounds[0].trim());
      int to = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : from;
      for (int i = from; i <= to; i++) {
        out.add(i);
      }
    }
    return out;
  }
}
