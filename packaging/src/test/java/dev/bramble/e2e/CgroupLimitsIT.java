package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.testbundles.BusyboxBundle;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * linux.resources enforced on this (hybrid) machine through the real binary: limits that bite, what the container
 * sees, pause/resume, update, events, and nothing of the cgroup left after delete; compared with runc where it is
 * installed.
 */
class CgroupLimitsIT extends BundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");


  private static Path v1(String controller, String id) {
    return CGROUP_ROOT.resolve(controller).resolve("bramble").resolve(id);
  }

  private static boolean hybridOrV1() {
    return Files.isDirectory(CGROUP_ROOT.resolve("memory")) && Files.isDirectory(CGROUP_ROOT.resolve("pids"));
  }

  private BusyboxBundle bundle(String name, String script, Consumer<ObjectNode> resources) {
    return BusyboxBundle.create(tmp.resolve(name)).args("sh", "-c", script).addEnv(marker).readonlyRoot(false)
        .editConfig(c -> resources.accept(c.withObject("/linux").withObject("/resources")));
  }

  private Cli.Result run(BusyboxBundle b, String id) throws Exception {
    bundle = b.build();
    return Cli.bramble(root, "run", "--bundle", bundle.toString(), id);
  }

  private void createAndStart(BusyboxBundle b, String id) throws Exception {
    bundle = b.build();
    Cli.Result create = Cli.bramble(root, "create", "--bundle", bundle.toString(), id);
    assertEquals(0, create.exit(), create.all());
    Cli.Result start = Cli.bramble(root, "start", id);
    assertEquals(0, start.exit(), start.all());
  }

  private static void waitFor(Path file, String text, int seconds) throws Exception {
    for (int i = 0; i < seconds * 20; i++) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " never contained \"" + text + "\": "
        + (Files.exists(file) ? Files.readString(file) : "(missing)"));
  }

  @Test
  void theContainersProcessesLiveInItsCgroupAndSeeItsCpuQuota() throws Exception {
    assumeTrue(hybridOrV1(), "cgroup v1 cpu hierarchy");
    String id = id("quota");
    Cli.Result r = run(bundle("b", "cat /proc/1/cgroup; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
        + " /sys/fs/cgroup/cpu/cpu.cfs_period_us", res -> res.putObject("cpu").put("quota", 50000)
        .put("period", 100000)), id);
    assertEquals(0, r.exit(), r.all());
    List<String> lines = r.out().strip().lines().toList();
    assertTrue(lines.stream().filter(l -> l.contains(":")).allMatch(l -> l.endsWith(":/bramble/" + id)),
        "the init is in the container's cgroup in every hierarchy: " + r.out());
    assertEquals(List.of("50000", "100000"), lines.subList(lines.size() - 2, lines.size()));
  }

  @Test
  void aMemoryLimitKillsTheProcessThatExceedsItAndEventsReportsTheOom() throws Exception {
    String id = id("oom");
    createAndStart(bundle("b", "while [ ! -e /go ]; do sleep 0.1; done; head -c 200m /dev/zero | tail; echo after"
        + " > /after; sleep 60", res -> res.putObject("memory").put("limit", 32L << 20)), id);
    File events = tmp.resolve("events.jsonl").toFile();
    Process watch = new ProcessBuilder(Cli.bin("bramble").toString(), "--root", root.toString(), "events",
        "--interval", "30s", id).redirectOutput(events).redirectError(tmp.resolve("events.err").toFile()).start();
    try {
      Thread.sleep(1500); // the events command is watching
      Files.writeString(bundle.resolve("rootfs/go"), "");
      waitFor(bundle.resolve("rootfs/after"), "after", 30);
      waitFor(events.toPath(), "\"type\":\"oom\"", 10);
      JsonNode oom = JSON.readTree(Files.readAllLines(events.toPath()).stream()
          .filter(l -> l.contains("\"oom\"")).findFirst().orElseThrow());
      assertEquals(id, oom.path("id").asText());
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    Cli.Result stats = Cli.bramble(root, "events", "--stats", id);
    assertEquals(0, stats.exit(), stats.all());
    JsonNode memory = JSON.readTree(stats.out()).path("data").path("memory");
    assertEquals(32L << 20, memory.path("usage").path("limit").asLong());
    assertTrue(memory.path("usage").path("failcnt").asLong() > 0, memory.toString());
  }

  @Test
  void aPidsLimitStopsAForkBomb() throws Exception {
    assumeTrue(hybridOrV1(), "cgroup v1 pids hierarchy (cgroup v2 offers no pids controller here)");
    String id = id("pids");
    // the subshell forks until the kernel refuses (a shell gives up at the first refused fork); the init stays
    createAndStart(bundle("b", "(i=0; while [ $i -lt 60 ]; do sleep 60 & i=$((i+1)); done) 2>/errs; echo done"
        + " > /done; sleep 60", res -> res.putObject("pids").put("limit", 20)), id);
    waitFor(bundle.resolve("rootfs/done"), "done", 30);
    assertTrue(Files.readString(bundle.resolve("rootfs/errs")).contains("Resource temporarily unavailable")
        || Files.readString(bundle.resolve("rootfs/errs")).contains("fork"), Files.readString(
            bundle.resolve("rootfs/errs")));
    assertEquals("20", Files.readString(v1("pids", id).resolve("pids.max")).strip());
    long current = Long.parseLong(Files.readString(v1("pids", id).resolve("pids.current")).strip());
    assertTrue(current <= 20 && current >= 15, "the bomb filled the limit and no more: pids.current " + current);
    Cli.Result ps = Cli.bramble(root, "ps", "--format", "json", id);
    assertTrue(JSON.readTree(ps.out()).size() <= 20, ps.out());
  }

  @Test
  void deviceRulesDenyABlockDeviceTheDefaultsDoNotAllow() throws Exception {
    String id = id("dev");
    BusyboxBundle b = bundle("b", "head -c1 /blk > /dev/null 2>/errs; cat /errs", res -> { });
    bundle = b.build();
    Cli.Result mknod = Cli.run(List.of("mknod", bundle.resolve("rootfs/blk").toString(), "b", "8", "0"), 10);
    assertEquals(0, mknod.exit(), mknod.all());
    Cli.Result denied = Cli.bramble(root, "run", "--bundle", bundle.toString(), id);
    assertTrue(denied.out().contains("Operation not permitted"), "the /dev/sda class is denied: " + denied.all());

    String allowedId = id("dev-ok");
    BusyboxBundle allowing = bundle("b2", "head -c1 /blk > /dev/null 2>/errs; cat /errs", res -> res
        .withArray("devices").addObject().put("allow", true).put("type", "b").put("major", 8).put("minor", 0)
        .put("access", "r"));
    Path allowBundle = allowing.build();
    assertEquals(0, Cli.run(List.of("mknod", allowBundle.resolve("rootfs/blk").toString(), "b", "8", "0"), 10)
        .exit());
    Cli.Result allowed = Cli.bramble(root, "run", "--bundle", allowBundle.toString(), allowedId);
    assertFalse(allowed.out().contains("Operation not permitted"), "an allow rule lets it through: " + allowed.all());
  }

  @Test
  void pauseFreezesEveryProcessAndResumeThawsThem() throws Exception {
    String id = id("pause");
    createAndStart(bundle("b", "sh -c 'while :; do :; done' & sh -c 'while :; do :; done' & wait", res -> { }),
        id);
    List<Integer> pids = new ArrayList<>();
    for (int i = 0; i < 50 && pids.size() < 3; i++) {
      pids.clear();
      JSON.readTree(Cli.bramble(root, "ps", "--format", "json", id).out()).forEach(p -> pids.add(p.asInt()));
      Thread.sleep(100);
    }
    assertTrue(pids.size() >= 3, "init and two busy children: " + pids);

    assertEquals(0, Cli.bramble(root, "pause", id).exit());
    assertEquals("paused", JSON.readTree(Cli.bramble(root, "state", id).out()).path("status").asText());
    Map<Integer, Long> frozen = ticks(pids);
    Thread.sleep(500);
    assertEquals(frozen, ticks(pids), "no process of a paused container runs");
    Cli.Result again = Cli.bramble(root, "pause", id);
    assertNotEquals(0, again.exit());
    assertTrue(again.err().contains("it is paused"), again.err());

    assertEquals(0, Cli.bramble(root, "resume", id).exit());
    assertEquals("running", JSON.readTree(Cli.bramble(root, "state", id).out()).path("status").asText());
    Thread.sleep(500);
    Map<Integer, Long> thawed = ticks(pids);
    assertTrue(pids.stream().filter(p -> thawed.get(p) > frozen.get(p)).count() >= 2, frozen + " " + thawed);

    assertEquals(0, Cli.bramble(root, "pause", id).exit());
    Cli.Result delete = Cli.bramble(root, "delete", "--force", id);
    assertEquals(0, delete.exit(), "a paused container can be force-deleted: " + delete.all());
  }

  private static Map<Integer, Long> ticks(List<Integer> pids) throws Exception {
    Map<Integer, Long> out = new TreeMap<>();
    for (int pid : pids) {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      out.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }
    return out;
  }

  @Test
  void updateChangesTheLimitsOfARunningContainer() throws Exception {
    assumeTrue(hybridOrV1(), "cgroup v1 memory and pids hierarchies");
    String id = id("update");
    createAndStart(bundle("b", "sleep 60", res -> {
      res.putObject("memory").put("limit", 64L << 20);
      res.putObject("pids").put("limit", 10);
    }), id);

    Cli.Result flags = Cli.bramble(root, "update", "--memory", "128m", "--pids-limit", "33", id);
    assertEquals(0, flags.exit(), flags.all());
    assertEquals(String.valueOf(128L << 20), Files.readString(v1("memory", id).resolve("memory.limit_in_bytes"))
        .strip());
    assertEquals("33", Files.readString(v1("pids", id).resolve("pids.max")).strip());

    Path doc = tmp.resolve("r.json");
    Files.writeString(doc, "{\"cpu\": {\"quota\": 20000, \"period\": 100000}}");
    Cli.Result json = Cli.bramble(root, "update", "--resources", doc.toString(), id);
    assertEquals(0, json.exit(), json.all());
    assertEquals("20000", Files.readString(v1("cpu", id).resolve("cpu.cfs_quota_us")).strip());
    assertEquals("33", Files.readString(v1("pids", id).resolve("pids.max")).strip(), "untouched");

    JsonNode stats = JSON.readTree(Cli.bramble(root, "events", "--stats", id).out()).path("data");
    assertEquals(33, stats.path("pids").path("limit").asInt());
    assertEquals(128L << 20, stats.path("memory").path("usage").path("limit").asLong());

    Cli.Result bad = Cli.bramble(root, "update", "--memory", "lots", id);
    assertNotEquals(0, bad.exit());
    assertTrue(bad.err().contains("invalid value for --memory"), bad.err());
  }

  @Test
  void aCreateTheHostCannotHonourFailsAtTheGateAndLeavesNothing() throws Exception {
    String id = id("gate");
    bundle = bundle("b", "true", res -> res.putArray("hugepageLimits").addObject().put("pageSize", "64KB")
        .put("limit", 1048576)).build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), id);
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("gate cgroup-resources failed"), r.err());
    assertTrue(r.err().contains("no 64KB huge pages"), r.err());
  }

  @Test
  void theSystemdDriverIsRefusedWithTheReasonAndNothingIsLeft() throws Exception {
    assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "this host runs systemd");
    String id = id("systemd");
    bundle = bundle("b", "true", res -> { }).editConfig(c -> c.with("linux").put("cgroupsPath",
        "system.slice:bramble:" + id)).build();
    Cli.Result r = Cli.bramble(root, "--systemd-cgroup", "create", "--bundle", bundle.toString(), id);
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("systemd is not running (pid 1 is "), r.err());
    assertTrue(r.err().contains("without --systemd-cgroup"), r.err());
    assertNotEquals(0, Cli.bramble(root, "state", id).exit());
  }

  @Test
  void statsHaveRuncsShapeAndLimitsMatchRuncsOnTheSameBundle() throws Exception {
    assumeTrue(Cli.installed("runc"), "runc not installed");
    assumeTrue(hybridOrV1(), "compares v1 files");
    String id = id("diff");
    BusyboxBundle b = bundle("b", "sleep 60", res -> {
      res.putObject("memory").put("limit", 64L << 20).put("reservation", 32L << 20).put("swappiness", 10);
      res.putObject("cpu").put("shares", 512).put("quota", 30000).put("period", 100000).put("cpus", "0");
      res.putObject("pids").put("limit", 42);
    });
    createAndStart(b, id);
    Path runcRoot = tmp.resolve("runc-state");
    String runcId = "r" + id;
    Cli.Result rc = Cli.runc(runcRoot, "run", "-d", "--bundle", bundle.toString(), runcId);
    assertEquals(0, rc.exit(), rc.all());
    try {
      int runcPid = JSON.readTree(Cli.runc(runcRoot, "state", runcId).out()).path("pid").asInt();
      Map<String, String> runcPaths = new TreeMap<>();
      for (String line : Files.readAllLines(Path.of("/proc/" + runcPid + "/cgroup"))) {
        String[] f = line.split(":", 3);
        runcPaths.put(f[1], f[2]);
      }
      for (String[] file : new String[][] {{"memory", "memory.limit_in_bytes"}, {"memory",
          "memory.soft_limit_in_bytes"}, {"memory", "memory.swappiness"}, {"cpu", "cpu.shares"}, {"cpu",
          "cpu.cfs_quota_us"}, {"cpu", "cpu.cfs_period_us"}, {"cpuset", "cpuset.cpus"}, {"pids", "pids.max"},
          {"devices", "devices.list"}}) {
        Path theirs = CGROUP_ROOT.resolve(file[0]).resolve(runcPaths.get(file[0]).substring(1)).resolve(file[1]);
        Path ours = v1(file[0], id).resolve(file[1]);
        // runc 1.1 also allows the host's tun device by default; bramble deliberately does not (runc 1.2 neither)
        assertEquals(Files.readAllLines(theirs).stream().filter(l -> !l.equals("c 10:200 rwm")).sorted().toList(),
            Files.readAllLines(ours).stream().sorted().toList(), file[1]);
      }
      JsonNode ourStats = JSON.readTree(Cli.bramble(root, "events", "--stats", id).out());
      JsonNode theirStats = JSON.readTree(Cli.runc(runcRoot, "events", "--stats", runcId).out());
      // runc's v1 manager does not look at cgroup v2, where this hybrid host keeps hugetlb; bramble reports it, and
      // adds its sentry's syscall counters under data.sentry
      assertEquals(keys(theirStats, ""), keys(ourStats, "").stream().filter(k -> !k.startsWith("data.hugetlb."))
          .filter(k -> !k.equals("data.sentry") && !k.startsWith("data.sentry.")).toList());
      assertEquals(theirStats.path("data").path("memory").path("usage").path("limit"),
          ourStats.path("data").path("memory").path("usage").path("limit"));
      assertEquals(theirStats.path("data").path("pids").path("limit"), ourStats.path("data").path("pids")
          .path("limit"));
    } finally {
      Cli.runc(runcRoot, "delete", "--force", runcId);
    }
  }

  /** Fields runc leaves out when zero, so whether they appear depends on the moment, not on the runtime. */
  private static final List<String> OMITTED_WHEN_ZERO = List.of("cache", "total", "percpu", "percpu_kernel",
      "percpu_user", "periods", "throttledPeriods", "throttledTime", "usage", "max", "current");

  /** Key paths of a JSON tree, values left out (they differ between any two containers). */
  private static List<String> keys(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!node.get(f).isObject() && OMITTED_WHEN_ZERO.contains(f)) {
        continue;
      }
      out.add(prefix + f);
      if (node.get(f).isObject() && !f.equals("raw")) {
        out.addAll(keys(node.get(f), prefix + f + "."));
      }
    }
    out.sort(String::compareTo);
    return out;
  }
}
