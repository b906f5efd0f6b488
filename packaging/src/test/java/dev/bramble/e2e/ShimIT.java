package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.shim.manager.ShimSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * containerd-shim-bramble-v1 under a real containerd (Debian's 1.6, ttrpc), driven by ctr as an operator would.
 * After every test nothing of ours may remain: no shim process, socket, mount or bundle.
 */
class ShimIT extends ContainerdTest {
  private Cli.Result run(String id, String... cmd) {
    groups.add(id);
    List<String> args = new ArrayList<>(List.of("run", "--runtime", ContainerdSupport.RUNTIME));
    for (String c : cmd) {
      args.add(c);
    }
    return containerd.ctr(args.toArray(String[]::new));
  }

  @Test
  void runRmPrintsTheOutputAndReturnsTheExitCode() {
    groups.add("hello");
    Cli.Result r = containerd.ctr("run", "--rm", "--runtime", ContainerdSupport.RUNTIME, ContainerdSupport.IMAGE,
        "hello", "sh", "-c", "echo hello; exit 3");
    assertEquals(3, r.exit(), r.all() + containerd.log());
    assertEquals("hello\n", r.out());
  }

  @Test
  void detachedContainerExecKillDelete() {
    Cli.Result r = run("det", "-d", ContainerdSupport.IMAGE, "det", "sleep", "1000");
    assertEquals(0, r.exit(), r.all());
    assertTrue(containerd.awaitTaskStatus("det", "RUNNING", 5000), containerd.ctr("task", "ls").out());

    Cli.Result exec = containerd.ctr("task", "exec", "--exec-id", "e1", "det", "sh", "-c",
        "echo from-exec $$; exit 7");
    assertEquals(7, exec.exit(), exec.all());
    assertTrue(exec.out().startsWith("from-exec "), exec.out());
    assertNotEquals("from-exec 1\n", exec.out(), "the exec is not the container's init");

    Cli.Result ps = containerd.ctr("task", "ps", "det");
    assertEquals(0, ps.exit(), ps.all());
    assertEquals(2, ps.out().trim().split("\n").length, "header and the init only: " + ps.out());

    assertEquals(0, containerd.ctr("task", "kill", "-s", "SIGKILL", "det").exit());
    assertTrue(containerd.awaitTaskStatus("det", "STOPPED", 5000), containerd.ctr("task", "ls").out());
    Cli.Result kill = containerd.ctr("task", "kill", "det");
    assertNotEquals(0, kill.exit(), "a finished task cannot be killed again: " + kill.all());
    Cli.Result del = containerd.ctr("task", "delete", "det");
    assertEquals(0, del.exit(), del.all());
    assertTrue(del.all().contains("137"), "the exit status of a SIGKILLed init: " + del.all());
    assertEquals(0, containerd.ctr("container", "delete", "det").exit());
  }

  @Test
  void containersOfOneSandboxShareOneShim() throws Exception {
    groups.add("podA");
    for (String id : List.of("pa1", "pa2")) {
      Cli.Result r = run(id, "-d", "--label", "io.kubernetes.cri.sandbox-id=podA", ContainerdSupport.IMAGE, id,
          "sleep", "1000");
      assertEquals(0, r.exit(), r.all());
    }
    String address = Files.readString(containerd.bundle("pa1").resolve("address"));
    assertEquals(address, Files.readString(containerd.bundle("pa2").resolve("address")));
    assertEquals(ShimSocket.of(ShimSocket.DEFAULT_DIR, containerd.socket.toString(), "default", "podA").address(),
        address);
    List<Integer> daemons = containerd.shimDaemons();
    assertEquals(1, daemons.size(), "one shim daemon for the pod: " + containerd.shimProcesses());

    // the first container's teardown (Delete, Shutdown, the delete subcommand) must leave the shared shim alone
    containerd.ctr("task", "kill", "-s", "SIGKILL", "pa1");
    assertTrue(containerd.awaitTaskStatus("pa1", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "pa1").exit());
    assertEquals(0, containerd.ctr("container", "delete", "pa1").exit());
    assertEquals(daemons, containerd.shimDaemons());
    Cli.Result exec = containerd.ctr("task", "exec", "--exec-id", "still", "pa2", "echo", "pa2-alive");
    assertEquals(0, exec.exit(), exec.all());
    assertEquals("pa2-alive\n", exec.out());

    containerd.ctr("task", "kill", "-s", "SIGKILL", "pa2");
    assertTrue(containerd.awaitTaskStatus("pa2", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "pa2").exit());
    assertEquals(0, containerd.ctr("container", "delete", "pa2").exit());
  }

  @Test
  void aFailedGateReachesCtrAsTheError() {
    Cli.Result r = run("gated", "--rm", "--label", "dev.bramble.min-va-bits=60", ContainerdSupport.IMAGE, "gated",
        "true");
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("gate va-bits failed") && r.err().contains("fix:"), r.all());
    containerd.ctr("container", "delete", "gated");
  }

  @Test
  void socketNameMatchesTheOneContainerdsRuncShimUses() throws Exception {
    groups.add("runc1");
    Cli.Result r = containerd.ctr("run", "-d", "--runtime", "io.containerd.runc.v2", ContainerdSupport.IMAGE,
        "runc1", "sleep", "1000");
    assertEquals(0, r.exit(), r.all());
    try {
      String runcAddress = Files.readString(containerd.bundle("runc1").resolve("address")).trim();
      assertEquals(ShimSocket.of(ShimSocket.DEFAULT_DIR, containerd.socket.toString(), "default", "runc1")
          .address(), runcAddress);
    } finally {
      containerd.ctr("task", "kill", "-s", "SIGKILL", "runc1");
      containerd.awaitTaskStatus("runc1", "STOPPED", 5000);
      containerd.ctr("task", "delete", "runc1");
      containerd.ctr("container", "delete", "runc1");
    }
  }

  /**
   * The "look like runc" route: containerd's own runc shim with bramble as its runc binary (create, start, state,
   * delete through the CLI). A container that exits at once races its sentry's "running" record against the exit:
   * the status must survive every time, and bramble's state directory under the runc shim's root must be gone.
   */
  @Test
  void runcsShimDrivesBrambleAsItsRuncBinary() {
    for (int i = 0; i < 3; i++) {
      String id = "viarunc" + i;
      groups.add(id);
      Cli.Result r = containerd.ctr("run", "--rm", "--runtime", "io.containerd.runc.v2", "--runc-binary",
          Cli.bin("bramble").toString(), ContainerdSupport.IMAGE, id, "sh", "-c",
          "grep -q 'Seccomp:[[:space:]]*2' /proc/self/status && echo filtered; exit 5");
      assertEquals(5, r.exit(), r.all() + containerd.log());
      // ctr gives runc no seccomp profile: a filter means bramble's sandbox ran it
      assertEquals("filtered\n", r.out(), "run by bramble, under its sandbox filter");
      assertFalse(Files.exists(Path.of("/run/containerd/runc/default", id)), "bramble's state of " + id);
    }
  }

  @Test
  void theShimOutlivesAContainerdRestartAndAnswersAgain() throws Exception {
    Cli.Result r = run("survivor", "-d", ContainerdSupport.IMAGE, "survivor", "sleep", "1000");
    assertEquals(0, r.exit(), r.all());
    List<Integer> before = containerd.shimDaemons();
    containerd.restart();
    assertEquals(before, containerd.shimDaemons(), "the shim kept running");
    assertTrue(containerd.awaitTaskStatus("survivor", "RUNNING", 10_000), containerd.ctr("task", "ls").all()
        + containerd.log());
    Cli.Result exec = containerd.ctr("task", "exec", "--exec-id", "after", "survivor", "echo", "reconnected");
    assertEquals("reconnected\n", exec.out(), exec.all());
    containerd.ctr("task", "kill", "-s", "SIGKILL", "survivor");
    assertTrue(containerd.awaitTaskStatus("survivor", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "survivor").exit());
    assertEquals(0, containerd.ctr("container", "delete", "survivor").exit());
  }

  @Test
  void stdinReachesTheContainerAndEofEndsIt() {
    groups.add("cat");
    List<String> cmd = List.of("sh", "-c", "printf 'line one\\nline two\\n' | ctr -a " + containerd.socket
        + " run --rm --runtime " + ContainerdSupport.RUNTIME + " " + ContainerdSupport.IMAGE + " cat cat");
    Cli.Result r = Cli.run(cmd, 60);
    assertEquals(0, r.exit(), r.all());
    assertEquals("line one\nline two\n", r.out());
  }

  @Test
  void cgroupLimitsPauseResumeAndMetrics() {
    Cli.Result r = run("cg", "-d", "--memory-limit", "67108864", ContainerdSupport.IMAGE, "cg", "sleep", "1000");
    assertEquals(0, r.exit(), r.all());
    assertEquals(0, containerd.ctr("task", "pause", "cg").exit());
    assertTrue(containerd.awaitTaskStatus("cg", "PAUSED", 5000), containerd.ctr("task", "ls").out());
    assertEquals(0, containerd.ctr("task", "resume", "cg").exit());
    assertTrue(containerd.awaitTaskStatus("cg", "RUNNING", 5000), containerd.ctr("task", "ls").out());
    Cli.Result metrics = containerd.ctr("task", "metrics", "cg");
    assertEquals(0, metrics.exit(), metrics.all());
    assertTrue(metrics.out().matches("(?s).*memory\\.usage_limit\\s+67108864\\s.*"), metrics.out());
    assertTrue(metrics.out().matches("(?s).*pids\\.current\\s+[1-9].*"), metrics.out());
    containerd.ctr("task", "kill", "-s", "SIGKILL", "cg");
    assertTrue(containerd.awaitTaskStatus("cg", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "cg").exit());
    assertEquals(0, containerd.ctr("container", "delete", "cg").exit());
  }

  @Test
  void terminalsForTheInitAndExecsWithResize() {
    assumeTrue(Cli.installed("script"), "script (bsdutils) gives ctr -t a terminal");
    groups.add("tty");
    // script gives ctr a 30x100 terminal; ctr sends it to the shim with ResizePty after Start
    String ctr = "ctr -a " + containerd.socket;
    Cli.Result r = Cli.run(List.of("script", "-qec", "stty rows 30 cols 100; " + ctr + " run --rm -t --runtime "
        + ContainerdSupport.RUNTIME + " " + ContainerdSupport.IMAGE + " tty sh -c 'sleep 0.5; tty; stty size; "
        + "exit 6'", "/dev/null"), 60);
    assertEquals(6, r.exit(), r.all());
    assertTrue(r.out().contains("/dev/pts/0"), r.out());
    assertTrue(r.out().contains("30 100"), r.out());

    groups.add("ttyx");
    assertEquals(0, run("ttyx", "-d", ContainerdSupport.IMAGE, "ttyx", "sleep", "1000").exit());
    Cli.Result exec = Cli.run(List.of("script", "-qec", "stty rows 12 cols 34; " + ctr + " task exec -t --exec-id "
        + "t1 ttyx sh -c 'sleep 0.5; tty; stty size'", "/dev/null"), 60);
    assertEquals(0, exec.exit(), exec.all());
    assertTrue(exec.out().contains("/dev/pts/"), exec.out());
    assertTrue(exec.out().contains("12 34"), exec.out());
    containerd.ctr("task", "kill", "-s", "SIGKILL", "ttyx");
    assertTrue(containerd.awaitTaskStatus("ttyx", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "ttyx").exit());
    assertEquals(0, containerd.ctr("container", "delete", "ttyx").exit());
  }
}
