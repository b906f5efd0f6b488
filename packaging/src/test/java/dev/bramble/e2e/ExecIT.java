package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `bramble exec`: another process in a running container, in its namespaces, traced, its status returned. */
class ExecIT extends BundleTest {

  @BeforeEach
  void running() throws Exception {
    bundle = BusyboxBundle.create(tmp.resolve("bundle")).args("sleep", "300").hostname("exec-box").addEnv(marker)
        .build();
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "ex").exit());
    assertEquals(0, Cli.bramble(root, "start", "ex").exit());
  }

  @AfterEach
  void nothingLeft() throws Exception {
    assertEquals(0, Cli.bramble(root, "delete", "--force", "ex").exit());
  }

  @Test
  void runsInTheContainersNamespacesAndReturnsItsStatus() {
    Cli.Result r = Cli.bramble(root, "exec", "ex", "sh", "-c",
        "echo $$; hostname; ls /proc | grep -c '^[0-9]'; readlink /proc/1/exe; exit 4");
    assertEquals(4, r.exit(), r.all());
    String[] lines = r.out().trim().split("\n");
    assertNotEquals("1", lines[0], "not the init");
    assertTrue(Integer.parseInt(lines[0]) < 10, "a pid of the container's pid namespace: " + lines[0]);
    assertEquals("exec-box", lines[1]);
    assertEquals("/bin/busybox", lines[3], "pid 1 is the container's sleep");
  }

  @Test
  void flagsSetEnvironmentDirectoryUserAndNoNewPrivileges() {
    Cli.Result r = Cli.bramble(root, "exec", "--cwd", "/tmp", "--env", "GREETING=hi", "--user", "1000:1000",
        "ex", "sh", "-c", "echo $GREETING $(pwd) $(id -u):$(id -g); grep NoNewPrivs /proc/self/status");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().startsWith("hi /tmp 1000:1000\n"), r.out());
  }

  @Test
  void aDetachedExecIsListedByPsAndTracedBySentry() throws Exception {
    Path pidFile = tmp.resolve("exec.pid");
    assertEquals(0, Cli.bramble(root, "exec", "--detach", "--pid-file", pidFile.toString(), "ex", "sleep", "300")
        .exit());
    int pid = Integer.parseInt(Files.readString(pidFile).trim());
    String pids = Cli.bramble(root, "ps", "--format", "json", "ex").out();
    assertTrue(new ObjectMapper().readTree(pids).toString().contains(Integer.toString(pid)), pids);
    int sentry = new ObjectMapper().readTree(Files.readString(root.resolve("ex/state.json"))).get("sentryPid")
        .asInt();
    String status = Files.readString(Path.of("/proc", Integer.toString(pid), "status"));
    String tracer = status.lines().filter(l -> l.startsWith("TracerPid:")).findFirst().orElseThrow();
    String tracerGroup = Files.readString(Path.of("/proc", tracer.split("\\s+")[1], "status")).lines()
        .filter(l -> l.startsWith("Tgid:")).findFirst().orElseThrow();
    assertEquals("Tgid:\t" + sentry, tracerGroup, "the exec'd process is traced by the container's sentry");
  }

  @Test
  void aMissingCommandIsReportedLikeRunc() {
    Cli.Result r = Cli.bramble(root, "exec", "ex", "no-such-command");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("executable file not found in $PATH"), r.err());
  }

  @Test
  void execIntoAStoppedContainerIsRefused() throws Exception {
    assertEquals(0, Cli.bramble(root, "kill", "ex", "KILL").exit());
    for (int i = 0; i < 100 && !Cli.bramble(root, "state", "ex").out().contains("stopped"); i++) {
      Thread.sleep(50);
    }
    Cli.Result r = Cli.bramble(root, "exec", "ex", "true");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("it is stopped"), r.err());
  }
}
