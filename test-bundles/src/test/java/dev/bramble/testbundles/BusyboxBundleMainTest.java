package dev.bramble.testbundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.Spec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxBundleMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return BusyboxBundleMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void buildsABundleWithOptionsAndProcessArgs() throws Exception {
    Path bundle = dir.resolve("b");
    int status =
        run(
            "--writable",
            "--hostname",
            "h1",
            "--env",
            "A=1",
            "--user",
            "1000:1000",
            "--annotation",
            "k=v=w",
            "--cwd",
            "/home/user",
            bundle.toString(),
            "--",
            "sh",
            "-c",
            "id");
    assertEquals(0, status, err::toString);
    assertEquals(bundle.toAbsolutePath() + "\n", out.toString(StandardCharsets.UTF_8));
    Spec spec = SpecReader.read(bundle.resolve("config.json"));
    assertEquals(List.of("sh", "-c", "id"), spec.process().args());
    assertFalse(spec.root().readonly());
    assertEquals("h1", spec.hostname());
    assertTrue(spec.process().env().contains("A=1"));
    assertEquals(1000L, spec.process().user().gid());
    assertEquals("v=w", spec.annotations().get("k"));
    assertEquals("/home/user", spec.process().cwd());
    assertTrue(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh")));
  }

  @Test
  void usageErrorsExitTwoWithTheReason() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("missing BUNDLE_DIR"), err::toString);
    err.reset();
    assertEquals(2, run("--bogus", "x"));
    assertTrue(err.toString().contains("unknown option --bogus"), err::toString);
    err.reset();
    assertEquals(2, run("--user", "root", "x"));
    assertTrue(err.toString().contains("UID:GID"), err::toString);
    err.reset();
    assertEquals(2, run("a", "b"));
    assertTrue(err.toString().contains("put process arguments after \"--\""), err::toString);
    assertTrue(err.toString().contains("usage:"), err::toString);
  }

  @Test
  void failuresExitOneWithTheRemedy() {
    assertEquals(1, run("--busybox", dir.resolve("none").toString(), dir.resolve("b").toString()));
    assertTrue(err.toString().contains("apt-get install -y busybox-static"), err::toString);
    err.reset();
    assertEquals(1, run("--no-namespace", "uts", dir.resolve("c").toString()));
    assertTrue(err.toString().contains("without a private UTS namespace"), err::toString);
  }
}
