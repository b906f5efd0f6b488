package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics read from cgroup files laid out as the kernel does, printed in runc's events shape. */
class StatsTest {
  /** runc 1.1's `events --stats` on this VM (hybrid, memory/pids/cpu limits), trimmed of raw memory keys. */
  static final String RUNC_V1 = """
      {"cpu":{"usage":{"total":9621827,"percpu":[8482913,1138914],"percpu_kernel":[4000000,4000000],
      "percpu_user":[0,0],"kernel":0,"user":0},"throttling":{"periods":2}},"cpuset":{"cpus":[0,1],"cpu_exclusive":0,
      "mems":[0],"mem_hardwall":0,"mem_exclusive":0,"memory_migrate":0,"memory_spread_page":0,
      "memory_spread_slab":0,"memory_pressure":0,"sched_load_balance":1,"sched_relax_domain_level":-1},
      "memory":{"usage":{"limit":67108864,"usage":503808,"max":2514944,"failcnt":0},"swap":{"limit":
      9223372036854771712,"usage":503808,"max":2514944,"failcnt":0},"kernel":{"limit":9223372036854771712,
      "usage":249856,"max":602112,"failcnt":0},"kernelTCP":{"limit":9223372036854771712,"failcnt":0},
      "raw":{"cache":0,"rss":53248}},"pids":{"current":1,"limit":50},"blkio":{},"hugetlb":{},"intel_rdt":{},
      "network_interfaces":null}
      """;

  @TempDir Path dir;

  private Path write(String sub, String file, String content) throws IOException {
    Path d = dir.resolve(sub);
    Files.createDirectories(d);
    Files.writeString(d.resolve(file), content);
    return d;
  }

  private CgroupDir v1(String controller) {
    return new CgroupDir(controller, false, List.of(controller), "/bramble/c1", dir.resolve(controller).toString());
  }

  /** Every key path of a JSON tree ("memory.usage.limit"), to compare shapes. */
  static List<String> paths(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        out.add(prefix + f);
        if (!f.equals("raw")) {
          out.addAll(paths(node.get(f), prefix + f + "."));
        }
      }
    }
    return out;
  }

  @Test
  void v1StatsHaveRuncsShapeAndValues() throws IOException {
    write("cpuacct", "cpuacct.usage", "9621827\n");
    write("cpuacct", "cpuacct.usage_percpu", "8482913 1138914 \n");
    write("cpuacct", "cpuacct.usage_percpu_sys", "4000000 4000000\n");
    write("cpuacct", "cpuacct.usage_percpu_user", "0 0\n");
    write("cpuacct", "cpuacct.stat", "user 0\nsystem 0\n");
    write("cpu", "cpu.stat", "nr_periods 2\nnr_throttled 0\nthrottled_time 0\n");
    write("cpuset", "cpuset.cpus", "0-1\n");
    write("cpuset", "cpuset.mems", "0\n");
    write("cpuset", "cpuset.sched_load_balance", "1\n");
    write("cpuset", "cpuset.sched_relax_domain_level", "-1\n");
    write("memory", "memory.limit_in_bytes", "67108864\n");
    write("memory", "memory.usage_in_bytes", "503808\n");
    write("memory", "memory.max_usage_in_bytes", "2514944\n");
    write("memory", "memory.failcnt", "0\n");
    for (String p : List.of("memory.memsw", "memory.kmem", "memory.kmem.tcp")) {
      write("memory", p + ".limit_in_bytes", "9223372036854771712\n");
      write("memory", p + ".failcnt", "0\n");
    }
    write("memory", "memory.memsw.usage_in_bytes", "503808\n");
    write("memory", "memory.memsw.max_usage_in_bytes", "2514944\n");
    write("memory", "memory.kmem.usage_in_bytes", "249856\n");
    write("memory", "memory.kmem.max_usage_in_bytes", "602112\n");
    write("memory", "memory.stat", "cache 0\nrss 53248\n");
    write("memory", "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    write("pids", "pids.current", "1\n");
    write("pids", "pids.max", "50\n");
    CgroupRecord record = new CgroupRecord(List.of(v1("cpu"), v1("cpuacct"), v1("cpuset"), v1("memory"),
        v1("pids")), null);

    CgroupStats stats = new StatsReader(record).read();
    JsonNode ours = StatsJson.of(stats);
    JsonNode runc = new ObjectMapper().readTree(RUNC_V1.replace("\n", ""));

    assertEquals(paths(runc, ""), paths(ours, ""));
    assertEquals(runc.toString(), ours.toString());
    assertEquals(3, stats.memory().oomKills());
  }

  @Test
  void v2StatsAreConvertedToTheV1MeaningsRuncReports() throws IOException {
    write("u", "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\n"
        + "throttled_usec 20\n");
    write("u", "memory.current", "1048576\n");
    write("u", "memory.max", "max\n");
    write("u", "memory.swap.current", "4096\n");
    write("u", "memory.swap.max", "max\n");
    write("u", "memory.events", "low 0\nhigh 0\nmax 7\noom 1\noom_kill 1\n");
    write("u", "memory.stat", "anon 8192\nfile 12288\n");
    write("u", "pids.current", "3\n");
    write("u", "pids.max", "max\n");
    write("u", "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
    CgroupRecord record = new CgroupRecord(List.of(new CgroupDir("", true, List.of("cpu", "memory", "pids", "io"),
        "/bramble/c1", dir.resolve("u").toString())), null);

    CgroupStats s = new StatsReader(record).read();

    assertEquals(1_500_000, s.cpu().total());
    assertEquals(1_000_000, s.cpu().user());
    assertEquals(20_000, s.cpu().throttledTime());
    assertEquals(-1, s.memory().usage().limit(), "max is 2^64-1");
    assertEquals(7, s.memory().usage().failcnt());
    assertEquals(1048576 + 4096, s.memory().swap().usage(), "swap is reported as memory+swap, like v1's memsw");
    assertEquals(12288, s.memory().cache());
    assertEquals(1, s.memory().oomKills());
    assertEquals(new CgroupStats.Pids(3, 0), s.pids());
    JsonNode json = StatsJson.of(s);
    assertEquals("18446744073709551615", json.path("memory").path("usage").path("limit").asText());
    assertEquals("Read", json.path("blkio").path("ioServiceBytesRecursive").get(0).path("op").asText());
    assertEquals(2, json.path("blkio").path("ioServicedRecursive").get(1).path("value").asLong());
    assertFalse(json.path("pids").has("limit"), "no limit is left out, as runc's omitempty does");
  }

  @Test
  void cpuListsExpandRanges() {
    assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), StatsReader.ranges("0-3,8,10-11\n"));
    assertTrue(StatsReader.ranges("").isEmpty());
  }

  @Test
  void hugePageSizesAreNamedLikeTheControllerNamesThem() {
    assertEquals("2MB", HugePageSizes.fromSysfsName("hugepages-2048kB"));
    assertEquals("1GB", HugePageSizes.fromSysfsName("hugepages-1048576kB"));
    assertEquals("64KB", HugePageSizes.fromSysfsName("hugepages-64kB"));
    assertEquals("32MB", HugePageSizes.fromSysfsName("hugepages-32768kB"));
  }
}
