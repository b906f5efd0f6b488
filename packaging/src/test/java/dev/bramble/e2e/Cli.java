package dev.bramble.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  static Result run(List<String> cmd, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + "s: " + cmd);
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String drain(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
