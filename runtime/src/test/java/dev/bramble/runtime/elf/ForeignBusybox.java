package dev.bramble.runtime.elf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fetches Debian's busybox-static for a foreign architecture at test time ({@code apt-get download} and
 * {@code dpkg -x} into a temp dir; nothing is checked in). Skips the test when apt cannot provide it: on Debian the
 * foreign architecture must be known to apt ({@code dpkg --add-architecture arm64 && apt-get update}).
 */
public final class ForeignBusybox {
  private ForeignBusybox() {}

  /** The foreign architecture for this host: arm64 on x86_64 and amd64 on aarch64. */
  public static String foreignDebianArch() {
    return System.getProperty("os.arch").equals("aarch64") ? "amd64" : "arm64";
  }

  /** Downloads per test JVM, unpacked under a temp dir removed at exit. */
  private static final Map<String, Path> DOWNLOADED = new HashMap<>();

  /**
   * A copy of busybox-static for {@code debianArch} under {@code dir} (downloaded once per test JVM); returns it.
   */
  public static synchronized Path fetch(String debianArch, Path dir) throws IOException, InterruptedException {
    Path downloaded = DOWNLOADED.get(debianArch);
    if (downloaded == null) {
      Path cache = Files.createTempDirectory("bramble-busybox-" + debianArch + "-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(cache)));
      downloaded = download(debianArch, cache);
      DOWNLOADED.put(debianArch, downloaded);
    }
    Files.createDirectories(dir);
    return Files.copy(downloaded, dir.resolve("busybox"));
  }

  private static Path download(String debianArch, Path dir) throws IOException, InterruptedException {
    Path download = dir.resolve("deb");
    Files.createDirectories(download);
    run(download, "apt-get", "download", "busybox-static:" + debianArch);
    Path deb;
    try (Stream<Path> files = Files.list(download)) {
      deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElse(null);
    }
    assumeTrue(deb != null, "apt-get download busybox-static:" + debianArch + " produced no .deb (offline, or run"
        + " 'dpkg --add-architecture " + debianArch + " && apt-get update')");
    Path unpacked = dir.resolve("unpacked");
    run(dir, "dpkg", "-x", deb.toString(), unpacked.toString());
    Path busybox = unpacked.resolve("bin/busybox");
    assumeTrue(Files.isRegularFile(busybox), "the busybox-static package has no bin/busybox");
    return busybox;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: the directory is under the temp dir anyway
    }
  }

  private static void run(Path cwd, String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(List.of(command)).directory(cwd.toFile()).redirectErrorStream(true)
          .redirectOutput(cwd.resolve(command[0] + ".log").toFile()).start();
    } catch (IOException e) {
      assumeTrue(false, command[0] + " is not available: " + e.getMessage());
      return;
    }
    boolean done = process.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly();
    }
    assumeTrue(done && process.exitValue() == 0, String.join(" ", command) + " failed: "
        + Files.readString(cwd.resolve(command[0] + ".log")).strip());
  }
}
