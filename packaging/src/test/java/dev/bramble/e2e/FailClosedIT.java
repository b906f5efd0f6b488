package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bramble.oci.spec.Mount;
import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures leave nothing behind, and the container cannot outlive its sentry. */
class FailClosedIT extends BundleTest {

  private BusyboxBundle busybox(String... args) {
    return BusyboxBundle.create(tmp.resolve("bundle")).args(args).addEnv(marker);
  }

  @Test
  void killingTheSentryKillsEveryContainerProcessWithinASecond() throws Exception {
    bundle = busybox("sh", "-c", "sleep 300 & sleep 300 & sleep 300").build();
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "fc").exit());
    assertEquals(0, Cli.bramble(root, "start", "fc").exit());
    Thread.sleep(300); // let the shell start its children
    List<String> running = Leftovers.find(root, bundle, marker);
    assertTrue(running.stream().filter(l -> l.startsWith("container process")).count() >= 3, running.toString());
    int sentry = new ObjectMapper().readTree(Files.readString(root.resolve("fc/state.json"))).get("sentryPid")
        .asInt();
    assertEquals(0, Cli.run(List.of("kill", "-KILL", Integer.toString(sentry)), 5).exit());
    long deadline = System.nanoTime() + 1_000_000_000L;
    List<String> left;
    do {
      left = Leftovers.find(root, bundle, marker).stream().filter(l -> l.startsWith("container process")).toList();
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), left, "PTRACE_O_EXITKILL: the container dies with its sentry");
    assertEquals("stopped", new ObjectMapper().readTree(Cli.bramble(root, "state", "fc").out()).get("status")
        .asText());
    assertEquals(0, Cli.bramble(root, "delete", "fc").exit());
  }

  @Test
  void aMissingBindSourceFailsCreateNamingTheMountAndLeavesNothing() throws Exception {
    bundle = busybox("true").mount(new Mount("/data", "bind", "/nonexistent/bramble-it", List.of("rbind"), null,
        null)).build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "badmount");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("mounts[") && r.err().contains("/nonexistent/bramble-it")
        && r.err().contains("does not exist"), r.err());
    assertFalse(Files.exists(root.resolve("badmount")));
  }

  @Test
  void aMissingEntrypointFailsAtCreateThroughItsGate() throws Exception {
    bundle = busybox("/bin/no-such-program").build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "noentry");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("gate entrypoint-exists failed"), r.err());
    assertFalse(Files.exists(root.resolve("noentry")));
  }

  @Test
  void aWorkloadThatNeedsMoreAddressSpaceThanTheHostHasIsRefusedAtCreate() throws Exception {
    bundle = busybox("true").annotation("dev.bramble.min-va-bits", "52").build();
    Cli.Result r = Cli.bramble(root, "run", "--bundle", bundle.toString(), "bigva");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("gate va-bits failed") && r.err().contains("fix:"), r.err());
    Cli.Result downgraded = Cli.bramble(root, "run", "--gate-warn", "va-bits", "--bundle", bundle.toString(),
        "bigva");
    assertEquals(0, downgraded.exit(), downgraded.all());
    assertTrue(downgraded.err().contains("va-bits"), "the downgrade is logged: " + downgraded.err());
  }

  @Test
  void anInvalidConfigIsRejectedWithEveryProblemAndItsJsonPath() throws Exception {
    bundle = busybox("true").skipValidation().editConfig(c -> {
      c.with("process").put("cwd", "relative/dir");
      c.with("linux").withArray("namespaces").addObject().put("type", "bogus");
    }).build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "invalid");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("process.cwd") && r.err().contains("linux.namespaces["), r.err());
    assertTrue(r.err().contains(bundle.resolve("config.json").toString()), "names the file: " + r.err());
    assertFalse(Files.exists(root.resolve("invalid")));
  }

  @Test
  void aFakeDevNullCannotTurnAMaskIntoAnExposure() throws Exception {
    // a /dev shared from elsewhere whose "null" is a regular file (or a symlink to a writable host file)
    Path fakeDev = Files.createDirectories(tmp.resolve("fake-dev"));
    Files.writeString(fakeDev.resolve("null"), "not a device");
    bundle = busybox("true").mount(new Mount("/dev", "bind", fakeDev.toString(), List.of("rbind"), null, null))
        .build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "fakenull");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("not the null device"), r.err());
    assertFalse(Files.exists(root.resolve("fakenull")));
  }

  @Test
  void killAllSignalsEveryProcessOfTheContainer() throws Exception {
    bundle = busybox("sh", "-c", "trap '' TERM; sleep 300 & sleep 300 & wait").build();
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "all").exit());
    assertEquals(0, Cli.bramble(root, "start", "all").exit());
    Thread.sleep(300);
    assertEquals(0, Cli.bramble(root, "kill", "--all", "all", "KILL").exit());
    for (int i = 0; i < 100 && !Cli.bramble(root, "state", "all").out().contains("stopped"); i++) {
      Thread.sleep(50);
    }
    assertTrue(Cli.bramble(root, "state", "all").out().contains("stopped"));
    assertEquals(0, Cli.bramble(root, "delete", "all").exit());
  }

  @Test
  void aFailedStartEndsTheContainer() throws Exception {
    bundle = busybox("true").build();
    // the entrypoint exists at create (the gate passes) but is gone by start
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "gone").exit());
    Files.delete(bundle.resolve("rootfs/bin/true"));
    Cli.Result start = Cli.bramble(root, "start", "gone");
    assertEquals(1, start.exit());
    assertTrue(start.err().contains("executable file not found in $PATH"), start.err());
    assertEquals(0, Cli.bramble(root, "delete", "gone").exit());
  }
}
