package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.shim.manager.ReadyFile;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.shim.manager.StartCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * containerd-shim-bramble-v1 with {@code group = "namespace"} under a real containerd (the config file named by
 * {@code ctr run --runtime-config-path}, as containerd's runtime options name it): one warm daemon serves every
 * container of the namespace, a {@code start} that finds it needs no JVM, and after its idle time it leaves nothing.
 */
class ContainerdNamespaceShimIT extends ContainerdTest {
  private static final int IDLE_EXIT = 3;
  private Path config;

  @BeforeEach
  void namespaceConfig() throws IOException {
    config = Files.writeString(containerd.work.resolve("shim-namespace.toml"),
        "# one shim daemon per namespace\ngroup = \"namespace\"\nidle_exit = \"" + IDLE_EXIT + "\"\n");
    groups.add(StartCommand.NAMESPACE_GROUP);
  }

  /** The idle time, the linger, and a delete's reconnect that restarts the idle time. */
  @Override
  long shimExitMillis() {
    return IDLE_EXIT * 1000L + 15_000;
  }

  @AfterAll
  static void removeTheDaemonLogs() throws IOException {
    ShimSocket s = socket();
    Files.deleteIfExists(s.logPath());
    Files.deleteIfExists(Path.of(s.logPath() + ".1"));
  }

  private static ShimSocket socket() {
    return ShimSocket.of(ShimSocket.DEFAULT_DIR, containerd.socket.toString(), "default",
        StartCommand.NAMESPACE_GROUP);
  }

  private Cli.Result run(String id, String... cmd) {
    List<String> args = new ArrayList<>(List.of("run", "--runtime", ContainerdSupport.RUNTIME,
        "--runtime-config-path", config.toString()));
    for (String c : cmd) {
      args.add(c);
    }
    return containerd.ctr(args.toArray(String[]::new));
  }

  private int theOneDaemon() {
    List<Integer> daemons = containerd.shimDaemons();
    assertEquals(1, daemons.size(), "one shim daemon for the namespace: " + containerd.shimProcesses());
    return daemons.get(0);
  }

  private static ReadyFile ready() throws IOException {
    return ReadyFile.parse(Files.readString(socket().readyPath())).orElseThrow();
  }

  private static String fastPathNote(String id) {
    return "start in " + containerd.bundle(id) + ": joined the namespace shim";
  }

  private static boolean awaitGone(int pid, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (Files.exists(Path.of("/proc", Integer.toString(pid))) && System.currentTimeMillis() < deadline) {
      ContainerdSupport.sleep(100);
    }
    return !Files.exists(Path.of("/proc", Integer.toString(pid)));
  }

  @Test
  void twoRunsInARowShareOneWarmDaemonAndTheSecondStartNeedsNoJvm() throws Exception {
    Cli.Result first = run("ns1", "--rm", ContainerdSupport.IMAGE, "ns1", "sh", "-c", "echo one");
    assertEquals(0, first.exit(), first.all() + containerd.log());
    assertEquals("one\n", first.out());
    int daemon = theOneDaemon();
    assertEquals(daemon, ready().pid(), "the daemon published its ready file");
    ShimSocket s = socket();
    assertEquals(s.path().getParent(), Files.readSymbolicLink(Path.of("/proc", daemon + "", "cwd")),
        "not tied to the first container's bundle");
    assertEquals(s.logPath(), Files.readSymbolicLink(Path.of("/proc", daemon + "", "fd", "2")),
        "stderr is the namespace log, not the first bundle's FIFO");

    long t0 = System.nanoTime();
    Cli.Result second = run("ns2", "--rm", ContainerdSupport.IMAGE, "ns2", "echo", "two");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, second.exit(), second.all() + containerd.log());
    assertEquals("two\n", second.out());
    assertEquals(List.of(daemon), containerd.shimDaemons(), "the same daemon served the second container");
    String log = containerd.log();
    assertTrue(log.contains(fastPathNote("ns2") + " (pid " + daemon + ") from its ready file, without a JVM"),
        "the second start took the fast path: " + log);
    assertFalse(log.contains(fastPathNote("ns1")), "the first start had no daemon to join");
    String daemonLog = Files.readString(s.logPath());
    assertTrue(daemonLog.contains("created container ns1") && daemonLog.contains("created container ns2"),
        daemonLog);
    System.out.println("ctr run --rm with a warm namespace shim: " + millis + " ms (evidence only)");
  }

  @Test
  void afterItsIdleTimeTheDaemonExitsLeavingNothingAndTheNextRunStartsAnother() throws Exception {
    assertEquals(0, run("idle1", "--rm", ContainerdSupport.IMAGE, "idle1", "true").exit(), containerd.log());
    int daemon = theOneDaemon();
    assertTrue(awaitGone(daemon, shimExitMillis()), "the idle daemon exits");
    ShimSocket s = socket();
    assertFalse(Files.exists(s.path()), "its socket is gone");
    assertFalse(Files.exists(s.readyPath()), "its ready file is gone");
    assertTrue(Files.readString(s.logPath()).contains("no container for " + IDLE_EXIT + " s: exiting"),
        Files.readString(s.logPath()));

    Cli.Result again = run("idle2", "--rm", ContainerdSupport.IMAGE, "idle2", "echo", "fresh");
    assertEquals("fresh\n", again.out(), again.all() + containerd.log());
    assertNotEquals(daemon, theOneDaemon(), "a new daemon for the namespace");
  }

  @Test
  void aStaleReadyFileOfAKilledDaemonFallsBackToTheJvmPathAndWorks() throws Exception {
    assertEquals(0, run("k1", "--rm", ContainerdSupport.IMAGE, "k1", "true").exit(), containerd.log());
    int killed = theOneDaemon();
    ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no chance to clean up
    assertTrue(awaitGone(killed, 10_000));
    assertEquals(killed, ready().pid(), "the dead daemon's ready file is still there");
    assertTrue(Files.exists(socket().path()), "and its socket");

    Cli.Result r = run("k2", "--rm", ContainerdSupport.IMAGE, "k2", "echo", "after");
    assertEquals(0, r.exit(), r.all() + containerd.log());
    assertEquals("after\n", r.out());
    int replacement = theOneDaemon();
    assertNotEquals(killed, replacement);
    assertEquals(replacement, ready().pid(), "the new daemon replaced the ready file");
    assertFalse(containerd.log().contains(fastPathNote("k2")), "the stale ready file was not trusted");
  }

  @Test
  void unrelatedContainersLiveSideBySideInTheOneDaemon() {
    List<String> ids = List.of("side1", "side2", "side3");
    for (String id : ids) {
      // different sandbox ids: in namespace mode they do not split the daemon
      Cli.Result r = run(id, "-d", "--label", "io.kubernetes.cri.sandbox-id=pod-" + id, ContainerdSupport.IMAGE,
          id, "sleep", "1000");
      assertEquals(0, r.exit(), r.all() + containerd.log());
    }
    int daemon = theOneDaemon();
    containerd.ctr("task", "kill", "-s", "SIGKILL", "side2");
    assertTrue(containerd.awaitTaskStatus("side2", "STOPPED", 5000));
    assertEquals(0, containerd.ctr("task", "delete", "side2").exit());
    assertEquals(0, containerd.ctr("container", "delete", "side2").exit());
    assertEquals(List.of(daemon), containerd.shimDaemons(), "the others keep the daemon");
    for (String id : List.of("side1", "side3")) {
      Cli.Result exec = containerd.ctr("task", "exec", "--exec-id", "x", id, "echo", id);
      assertEquals(id + "\n", exec.out(), exec.all());
      containerd.ctr("task", "kill", "-s", "SIGKILL", id);
      assertTrue(containerd.awaitTaskStatus(id, "STOPPED", 5000));
      assertEquals(0, containerd.ctr("task", "delete", id).exit());
      assertEquals(0, containerd.ctr("container", "delete", id).exit());
    }
  }

  @Test
  void aPodModeContainerIsNeverCapturedByTheNamespaceDaemon() throws Exception {
    assertEquals(0, run("nsd", "-d", ContainerdSupport.IMAGE, "nsd", "sleep", "1000").exit(), containerd.log());
    int namespaceDaemon = theOneDaemon();
    groups.add("podc");
    // the same runtime without the config: pod mode, so its own daemon under its own socket
    Cli.Result pod = containerd.ctr("run", "-d", "--runtime", ContainerdSupport.RUNTIME, ContainerdSupport.IMAGE,
        "podc", "sleep", "1000");
    assertEquals(0, pod.exit(), pod.all());
    assertEquals(ShimSocket.of(ShimSocket.DEFAULT_DIR, containerd.socket.toString(), "default", "podc").address(),
        Files.readString(containerd.bundle("podc").resolve("address")));
    assertEquals(2, containerd.shimDaemons().size(), containerd.shimProcesses().toString());
    assertTrue(containerd.shimDaemons().contains(namespaceDaemon));
    for (String id : List.of("nsd", "podc")) {
      containerd.ctr("task", "kill", "-s", "SIGKILL", id);
      assertTrue(containerd.awaitTaskStatus(id, "STOPPED", 5000));
      assertEquals(0, containerd.ctr("task", "delete", id).exit());
      assertEquals(0, containerd.ctr("container", "delete", id).exit());
    }
  }
}
