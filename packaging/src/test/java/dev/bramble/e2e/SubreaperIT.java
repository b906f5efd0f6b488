package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd's runc shim and podman's conmon are child subreapers that reap the container's init themselves after
 * `create` returns; bramble must leave them that child (its sentry traces the init but is not its parent).
 */
class SubreaperIT {
  @TempDir Path tmp;

  @Test
  void aSubreaperCallerReapsTheContainersInit() throws Exception {
    String marker = "BRAMBLE_IT=" + UUID.randomUUID();
    Path bundle = BusyboxBundle.create(tmp.resolve("bundle")).args("sleep", "300").addEnv(marker).build();
    Path root = tmp.resolve("state");
    String java = ProcessHandle.current().info().command().orElse("java");
    Cli.Result r = Cli.run(List.of(java, "-cp", System.getProperty("java.class.path"),
        SubreaperHarness.class.getName(), Cli.bin("bramble").toString(), root.toString(), bundle.toString(),
        "reap"), 60);
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().startsWith("reaped ") && r.out().trim().endsWith(" 137"), r.out());
    Leftovers.assertNone(root, bundle, marker);
  }
}
