package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxHugepageLimit;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.Bpf;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.setup.MountInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup manager on this machine's real hierarchies (root only): this VM is hybrid, and a pure cgroup v2 host
 * is simulated by mounting cgroup2 at a temp directory and using nothing else — the same kernel hierarchy as
 * /sys/fs/cgroup/unified, which on this host offers only hugetlb, but where cgroup.freeze and eBPF device programs
 * work as on any cgroup v2 host.
 */
class CgroupIT {
  @TempDir Path tmp;
  private final LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
  private final Logger log = Logger.toStderr(System.err, LogFormat.TEXT, false, InstantSource.system());
  private final String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private Process process;
  private ContainerCgroup cgroup;
  private Path v2Mount;

  @AfterEach
  void cleanUp() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    if (cgroup != null) {
      cgroup.destroy();
    }
    if (v2Mount != null) {
      new ProcessBuilder("umount", v2Mount.toString()).inheritIO().start().waitFor();
    }
  }

  private static LinuxResources resources() {
    return new LinuxResources(null, null, null, null, null, null, null, null, null);
  }

  private static CgroupSettings settings(String id, LinuxResources r, List<DeviceRule> devices) {
    return new CgroupSettings(id, null, false, r, devices, u -> false);
  }

  /** A shell that waits for a line on stdin before running {@code script}: placed in the cgroup first. */
  private Process waitingShell(String script) throws IOException {
    return new ProcessBuilder("/bin/sh", "-c", "read go; " + script).redirectErrorStream(true).start();
  }

  private String go(Process p) throws Exception {
    OutputStream in = p.getOutputStream();
    in.write('\n');
    in.flush();
    in.close();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "process finished");
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private CgroupLayout pureV2() throws Exception {
    v2Mount = Files.createDirectories(tmp.resolve("cgroup2"));
    Process mount = new ProcessBuilder("mount", "-t", "cgroup2", "none", v2Mount.toString()).inheritIO().start();
    assertEquals(0, mount.waitFor());
    List<MountInfo> mounts = MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo"))).stream()
        .filter(m -> m.mountPoint().equals(v2Mount.toString())).toList();
    CgroupLayout layout = CgroupLayout.of(mounts, p -> {
      try {
        return Files.readAllLines(p).stream().findFirst();
      } catch (IOException e) {
        return java.util.Optional.empty();
      }
    });
    assertTrue(layout.unifiedOnly());
    return layout;
  }

  @Test
  void onTheHybridHostLimitsLandInEveryHierarchyAndTheProcessFollows() throws Exception {
    assumeTrue(CgroupLayout.host().holding("memory").map(h -> !h.unified()).orElse(false), "a v1 memory hierarchy");
    LinuxResources r = resources()
        .withMemory(new LinuxMemory(64L << 20, null, null, null, null, null, null, null, null))
        .withCpu(new LinuxCpu(512L, 25000L, null, 100000L, null, null, null, null, null))
        .withPids(new LinuxPids(20L));
    cgroup = ContainerCgroup.create(kernel, log, settings(id, r, DeviceRules.effective(List.of(), List.of())));
    process = waitingShell("cat /proc/self/cgroup");
    cgroup.place((int) process.pid());

    assertTrue(cgroup.pids().contains((int) process.pid()));
    CgroupRecord rec = cgroup.record();
    assertEquals("67108864", CgroupFiles.read(rec.holding("memory").orElseThrow().path(), "memory.limit_in_bytes")
        .orElseThrow());
    assertEquals("25000", CgroupFiles.read(rec.holding("cpu").orElseThrow().path(), "cpu.cfs_quota_us").orElseThrow());
    assertEquals("20", CgroupFiles.read(rec.holding("pids").orElseThrow().path(), "pids.max").orElseThrow());
    assertFalse(CgroupFiles.read(rec.holding("cpuset").orElseThrow().path(), "cpuset.cpus").orElseThrow().isEmpty(),
        "a new v1 cpuset cgroup got its parent's cpus");
    assertEquals(1, cgroup.stats().pids().current());

    String self = go(process);
    for (String line : self.strip().split("\n")) {
      assertTrue(line.endsWith(":/bramble/" + id), "every hierarchy: " + self);
    }
  }

  @Test
  void pauseFreezesAndUpdateChangesALiveLimit() throws Exception {
    cgroup = ContainerCgroup.create(kernel, log, settings(id, resources().withPids(new LinuxPids(10L)), List.of()));
    process = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
    cgroup.place((int) process.pid());

    cgroup.pause();
    assertTrue(cgroup.paused());
    long before = cpuTicks(process.pid());
    Thread.sleep(300);
    assertEquals(before, cpuTicks(process.pid()), "a frozen process gets no CPU");
    cgroup.resume();
    assertFalse(cgroup.paused());
    Thread.sleep(300);
    assertTrue(cpuTicks(process.pid()) > before, "thawed, it runs again");

    CgroupRecord updated = cgroup.update(resources().withPids(new LinuxPids(99L)));
    assertEquals(99L, updated.resources().pids().limit());
    assertEquals("99", CgroupFiles.read(updated.holding("pids").orElseThrow().path(), "pids.max").orElseThrow());
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
  }

  @Test
  void aProcessOverItsMemoryLimitIsKilledAndTheOomIsReported() throws Exception {
    cgroup = ContainerCgroup.create(kernel, log, settings(id, resources().withMemory(
        new LinuxMemory(32L << 20, null, null, null, null, null, null, null, null)), List.of()));
    CompletableFuture<Long> oom = new CompletableFuture<>();
    OomWatcher watcher = cgroup.watchOom(Duration.ofMillis(50), oom::complete).orElseThrow();
    try {
      process = waitingShell("head -c 200m /dev/zero | tail > /dev/null; echo survived");
      cgroup.place((int) process.pid());
      go(process);
      assertTrue(oom.get(5, TimeUnit.SECONDS) >= 1, "the OOM kill was reported");
      assertTrue(cgroup.stats().memory().oomKills() >= 1);
    } finally {
      watcher.close();
    }
  }

  @Test
  void nothingOfTheCgroupRemainsAfterDestroyEvenWithChildCgroupsAndAStrayProcess() throws Exception {
    ContainerCgroup c = ContainerCgroup.create(kernel, log, settings(id, null, List.of()));
    CgroupDir unified = c.record().unified().orElseThrow();
    Files.createDirectories(unified.path().resolve("nested/deeper"));
    process = new ProcessBuilder("sleep", "60").start();
    c.place((int) process.pid());

    c.destroy();

    for (CgroupDir d : c.record().dirs()) {
      assertFalse(Files.exists(d.path()), d.dir() + " left behind");
    }
    assertTrue(process.waitFor(5, TimeUnit.SECONDS), "the stray process in the container's cgroup was killed");
  }

  @Test
  void aFailedCreateLeavesNoDirectoryBehind() {
    LinuxResources bad = resources().withCpu(new LinuxCpu(1L, null, null, null, null, null, null, null, null));
    BrambleException e = assertThrows(BrambleException.class,
        () -> ContainerCgroup.create(kernel, log, settings(id, bad, List.of())));
    assertTrue(e.getMessage().contains("cpu.shares"), e.getMessage());
    for (Hierarchy h : CgroupLayout.host().hierarchies()) {
      assertFalse(Files.exists(h.dirOf("/bramble/" + id)), h.describe());
    }
  }

  @Test
  void pureCgroupV2DevicesAreEnforcedByTheEbpfProgram() throws Exception {
    CgroupLayout v2 = pureV2();
    List<DeviceRule> rules = List.of(new DeviceRule('a', -1, -1, "rwm", false),
        new DeviceRule('c', 1, 5, "rwm", true)); // /dev/zero only
    cgroup = ContainerCgroup.create(kernel, log, settings(id, null, rules), v2, Map.of());
    int dirFd = kernel.open(cgroup.record().unified().orElseThrow().dir(), 0, 0);
    try {
      assertEquals(1, kernel.bpfProgQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE).length, "one device program attached");
    } finally {
      kernel.close(dirFd);
    }
    process = waitingShell("head -c1 /dev/zero > " + tmp.resolve("z") + " && echo zero-ok; cat /dev/null && echo"
        + " null-ok; :");
    cgroup.place((int) process.pid());

    String out = go(process);

    assertTrue(out.contains("zero-ok"), out);
    assertFalse(out.contains("null-ok"), out);
    assertTrue(out.contains("Operation not permitted"), out);
  }

  @Test
  void pureCgroupV2FreezesWithCgroupFreezeAndRefusesWhatItLacks() throws Exception {
    CgroupLayout v2 = pureV2();
    Hierarchy root = v2.hierarchies().get(0);
    cgroup = ContainerCgroup.create(kernel, log, settings(id, null, List.of()), v2, Map.of());
    process = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
    cgroup.place((int) process.pid());
    cgroup.pause();
    assertEquals("1", CgroupFiles.read(cgroup.record().unified().orElseThrow().path(), "cgroup.freeze").orElseThrow());
    assertTrue(CgroupFiles.read(cgroup.record().unified().orElseThrow().path(), "cgroup.events").orElseThrow()
        .contains("frozen 1"));
    cgroup.resume();
    assertFalse(cgroup.paused());

    if (!root.has("memory")) {
      String other = id + "-mem";
      BrambleException e = assertThrows(BrambleException.class, () -> ContainerCgroup.create(kernel, log,
          settings(other, resources().withMemory(new LinuxMemory(1L << 26, null, null, null, null, null, null, null,
              null)), List.of()), v2, Map.of()));
      assertTrue(e.getMessage().contains("linux.resources.memory"), e.getMessage());
      assertFalse(Files.exists(root.dirOf("/bramble/" + other)), "nothing left of the refused create");
    }
    if (root.has("hugetlb")) {
      String huge = id + "-huge";
      ContainerCgroup h = ContainerCgroup.create(kernel, log, settings(huge, resources().withHugepageLimits(
          List.of(new LinuxHugepageLimit("2MB", 4L << 20))), List.of()), v2, Map.of());
      try {
        assertEquals("4194304", CgroupFiles.read(h.record().unified().orElseThrow().path(), "hugetlb.2MB.max")
            .orElseThrow());
      } finally {
        h.destroy();
      }
    }
  }
}
