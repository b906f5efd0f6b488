package dev.bramble.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built launchers (and runc, for differential tests) as separate processes, as callers do. */
final class Cli {
  private Cli() {}

  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Path bin(String name) {
    return Path.of(System.getProperty("bramble.bin", "target/bin")).resolve(name).toAbsolutePath();
  }

  static Result bramble(Path root, String... args) {
    List<String> cmd = new ArrayList<>(List.of(bin("bramble").toString(), "--root", root.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, 60);
  }

  static boolean installed(String tool) {
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
  }

  static Result runc(Path root, String... args) {
    List<String> cmd = new ArrayList<>(List.of("runc", "--root", root.toString()));
    cmd.addAll(List.of(args));
    return run(cmd, 60);
  }

  /**
   * Runs {@code cmd} with stdout and stderr in files, not pipes: a container started by {@code create} inherits its
   * caller's stdio (as with runc), so a pipe would stay open for the container's whole life.
   */
  static Result run(List<String> cmd, int timeoutSeconds) {
    try {
      java.io.File out = java.io.File.createTempFile("cli-out", ".txt");
      java.io.File err = java.io.File.createTempFile("cli-err", ".txt");
      try {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out after " + timeoutSeconds + "s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
      } finally {
        out.delete();
        err.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

}
