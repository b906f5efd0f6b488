package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.Spec;
import dev.bramble.testbundles.BusyboxRootfs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config.json {@code bramble spec} writes is a real, runnable config: runc runs it on the test-bundles busybox
 * rootfs. Root only (runc run needs it); skipped when runc is not installed. bramble runs in-process here because
 * the packaged launcher is built after this module.
 */
class SpecWithRuncIT {
  @Test
  void runcRunsTheConfigBrambleSpecWrote(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "runc run needs root");
    Optional<Path> runc = onPath("runc");
    assumeTrue(runc.isPresent(), "runc is not installed");

    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    BusyboxRootfs.build(bundle.resolve("rootfs"), BusyboxRootfs.DEFAULT_BUSYBOX, null);
    CliRun spec = CliRun.run("spec", "--bundle", bundle.toString());
    assertEquals(0, spec.status(), spec.err());

    Path config = bundle.resolve("config.json");
    Spec written = SpecReader.read(config);
    SpecWriter.write(written.withProcess(written.process()
        .withTerminal(false)
        .withArgs(List.of("sh", "-c", "echo ok; exit 3"))), config);

    String id = "bramble-spec-it-" + ProcessHandle.current().pid();
    Path state = tmp.resolve("runc-state");
    try {
      Result result = exec(List.of(runc.get().toString(), "--root", state.toString(), "run", "--bundle",
          bundle.toString(), id));
      assertEquals(3, result.status(), "runc run: " + result.err());
      assertEquals("ok\n", result.out(), result.err());
    } finally {
      exec(List.of(runc.get().toString(), "--root", state.toString(), "delete", "--force", id));
    }
  }

  private record Result(int status, String out, String err) {}

  private static Result exec(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("runc-out", ".txt");
    Path err = Files.createTempFile("runc-err", ".txt");
    try {
      java.lang.Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> onPath(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }
}
