package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a process sees inside a bramble container, through `bramble run` of generated busybox bundles (root). */
class ContainerIT extends BundleTest {

  private BusyboxBundle bundle(String name, String script) {
    return BusyboxBundle.create(tmp.resolve(name)).args("sh", "-c", script).addEnv(marker);
  }

  private Cli.Result run(BusyboxBundle spec, String id) throws Exception {
    bundle = spec.build();
    return Cli.bramble(root, "run", "--bundle", bundle.toString(), id);
  }

  @Test
  void theEntrypointIsPidOneAndSeesOnlyContainerProcesses() throws Exception {
    Cli.Result r = run(bundle("b", "echo $$; for p in /proc/[0-9]*; do echo ${p#/proc/}; done"), "pid1");
    assertEquals(0, r.exit(), r.all());
    List<String> lines = Arrays.asList(r.out().trim().split("\n"));
    assertEquals("1", lines.get(0));
    List<Integer> pids = lines.subList(1, lines.size()).stream().map(Integer::valueOf).toList();
    assertTrue(pids.contains(1), r.out());
    assertTrue(pids.stream().allMatch(p -> p < 10), "only the container's few processes: " + pids);
  }

  @Test
  void ownHostnameAndUname() throws Exception {
    Cli.Result r = run(bundle("b", "hostname; uname -n").hostname("pi-node-7"), "host");
    assertEquals("pi-node-7\npi-node-7\n", r.out(), r.err());
  }

  @Test
  void hostMountsAreInvisible() throws Exception {
    Path hostOnly = Files.createDirectory(tmp.resolve("host-only-mount"));
    Cli.Result mount = Cli.run(List.of("mount", "-t", "tmpfs", "bramble-it", hostOnly.toString()), 10);
    assertEquals(0, mount.exit(), mount.all());
    try {
      Cli.Result r = run(bundle("b", "cat /proc/self/mountinfo"), "mounts");
      assertEquals(0, r.exit(), r.all());
      assertFalse(r.out().contains("bramble-it") || r.out().contains(hostOnly.toString()), r.out());
      assertTrue(r.out().lines().anyMatch(l -> l.split(" ")[4].equals("/") && l.contains(bundle.toString())),
          "the container's root is its bundle's rootfs: " + r.out());
    } finally {
      Cli.run(List.of("umount", hostOnly.toString()), 10);
    }
  }

  @Test
  void aReadOnlyRootRefusesWritesAndAWritableOneAcceptsThem() throws Exception {
    Cli.Result ro = run(bundle("ro", "touch /probe && echo wrote").readonlyRoot(true), "ro");
    assertNotEquals(0, ro.exit());
    assertTrue(ro.err().contains("Read-only file system"), ro.all());
    Cli.Result rw = run(bundle("rw", "touch /probe && echo wrote").readonlyRoot(false), "rw");
    assertEquals("wrote\n", rw.out(), rw.err());
  }

  @Test
  void userNamespaceMappingIsVisible() throws Exception {
    // the container's root is host uid 100000: it must be able to reach its rootfs
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Cli.Result r = run(bundle("b", "cat /proc/self/uid_map /proc/self/gid_map; id -u")
        .userNamespace(100000, 100000, 65536), "userns");
    assertEquals(0, r.exit(), r.all());
    List<String> lines = Arrays.stream(r.out().trim().split("\n")).map(l -> l.trim().replaceAll("\\s+", " "))
        .toList();
    assertEquals(List.of("0 100000 65536", "0 100000 65536", "0"), lines);
  }

  @Test
  void environmentWorkingDirectoryAndUserAsConfigured() throws Exception {
    Cli.Result r = run(bundle("b", "echo $GREETING; pwd; id -u; id -g; id -G")
        .addEnv("GREETING=hello edge").cwd("/tmp").user(1000, 1000), "env");
    assertEquals("hello edge\n/tmp\n1000\n1000\n1000\n", r.out(), r.err());
  }

  @Test
  void noNewPrivilegesAndTheCapabilityBoundingSetHold() throws Exception {
    Cli.Result r = run(bundle("b", "grep -E '^(NoNewPrivs|CapBnd|CapEff)' /proc/self/status"), "nnp");
    // `bramble spec` asks for no_new_privs and runc's three default capabilities: KILL, NET_BIND_SERVICE, AUDIT_WRITE
    assertTrue(r.out().contains("NoNewPrivs:\t1"), r.out());
    assertTrue(r.out().contains("CapBnd:\t0000000020000420"), r.out());
    assertTrue(r.out().contains("CapEff:\t0000000020000420"), r.out());
  }

  @Test
  void personalityTimeOffsetsSchedulerAndPreservedFdsTakeEffect() throws Exception {
    Path extra = Files.writeString(tmp.resolve("extra-fd"), "handed over\n");
    bundle = bundle("b", "uname -m; cut -d. -f1 /proc/uptime; grep ^policy /proc/self/sched; cat <&3")
        .namespace("time").editConfig(c -> {
          c.with("linux").with("personality").put("domain", "LINUX32");
          c.with("linux").with("timeOffsets").with("boottime").put("secs", 1_000_000).put("nanosecs", 0);
          c.with("process").with("scheduler").put("policy", "SCHED_BATCH");
        }).build();
    String arch = System.getProperty("os.arch").equals("aarch64") ? "armv8l" : "i686";
    List<String> cmd = List.of("sh", "-c", Cli.bin("bramble") + " --root " + root + " run --preserve-fds 1 --bundle "
        + bundle + " extras 3<" + extra);
    Cli.Result r = Cli.run(cmd, 60);
    assertEquals(0, r.exit(), r.all());
    String[] lines = r.out().trim().split("\n");
    assertEquals(arch, lines[0], "linux.personality LINUX32");
    assertTrue(Long.parseLong(lines[1]) >= 1_000_000, "boottime offset shows in /proc/uptime: " + lines[1]);
    assertTrue(lines[2].matches("policy\\s*:\\s*3"), "SCHED_BATCH is policy 3: " + lines[2]);
    assertEquals("handed over", lines[3], "--preserve-fds 1 passes fd 3");
  }

  @Test
  void onlyTheContainersOwnFdsAreOpenInside() throws Exception {
    Cli.Result r = run(bundle("b", "ls /proc/self/fd"), "fds");
    // 0-2 and ls's own directory fd: nothing of the runtime (no memfd, no pipe, no socket) leaks in
    assertEquals(List.of("0", "1", "2", "3"), Arrays.asList(r.out().trim().split("\n")), r.all());
  }

  @Test
  void aWorkingDirectoryCannotPointOutsideTheRoot() throws Exception {
    Cli.Result r = run(bundle("b", "pwd; ls /").cwd("/../../../tmp"), "cwd");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().startsWith("/tmp\n"), r.out());
    assertTrue(r.out().contains("\nbin\n"), "the container's own root: " + r.out());
  }

  @Test
  void theRuntimeBinaryIsOutOfReachFromInside() throws Exception {
    // every executable a container process can see through /proc is its own; the stub came from a sealed memfd
    // and the sentry JVM is not in the container's pid namespace
    Cli.Result r = run(bundle("b", "for p in /proc/[0-9]*; do readlink $p/exe; done; "
        + "ls /proc/*/root/ 2>/dev/null | grep -c java; echo x > /proc/1/exe 2>&1 || echo refused"), "exe");
    assertFalse(r.out().contains("java") || r.out().contains("memfd") || r.out().contains("bramble"), r.out());
    assertTrue(r.out().contains("refused"), r.out());
  }

  @Test
  void signalsToAForegroundRunReachTheContainer() throws Exception {
    bundle = bundle("b", "trap 'echo got TERM; exit 5' TERM; echo ready; while true; do sleep 0.1; done")
        .build();
    Path out = tmp.resolve("run.out");
    Process run = new ProcessBuilder(Cli.bin("bramble").toString(), "--root", root.toString(), "run", "--bundle",
        bundle.toString(), "sig").redirectOutput(out.toFile()).redirectError(tmp.resolve("run.err").toFile())
        .start();
    for (int i = 0; i < 200 && !(Files.exists(out) && Files.readString(out).contains("ready")); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.readString(out).contains("ready"), "container did not start: " + Files.readString(out)
        + Files.readString(tmp.resolve("run.err")));
    new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
    assertTrue(run.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(5, run.exitValue(), Files.readString(tmp.resolve("run.err")));
    assertTrue(Files.readString(out).contains("got TERM"));
  }

  @Test
  void theContainersExitStatusIsBrambles() throws Exception {
    assertEquals(7, run(bundle("a", "exit 7"), "exit7").exit());
    // pid 1 of a namespace cannot be killed from inside it; its child's signal death shows in $? as usual
    assertEquals(128 + 9, run(bundle("b", "sh -c 'kill -9 $$'; exit $?"), "kill9").exit());
  }
}
