package dev.bramble.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private containerd (Debian's, installed by dev/install-deps) for end-to-end tests: its own config, root, state
 * dir and sockets under a temp dir, the built shim first on its PATH, and a one-layer busybox OCI image built
 * locally and imported (no registry). The host's containerd, if any, is not touched. containerd runs with
 * JAVA_TOOL_OPTIONS set, so every shim start proves the launcher keeps the JVM's "Picked up" notice out of the
 * address.
 */
final class ContainerdSupport implements AutoCloseable {
  static final String IMAGE = "docker.io/library/bramble-busybox:e2e";
  static final String RUNTIME = "io.containerd.bramble.v1";

  final Path work;
  final Path socket;
  final Path state;
  private Process containerd;

  private ContainerdSupport(Path work) {
    this.work = work;
    this.socket = work.resolve("containerd.sock");
    this.state = work.resolve("state");
  }

  static boolean available() {
    return Cli.installed("containerd") && Cli.installed("ctr") && Files.isExecutable(Path.of("/bin/busybox"));
  }

  static ContainerdSupport start() throws IOException {
    ContainerdSupport c = new ContainerdSupport(Files.createTempDirectory("bramble-ctrd"));
    try {
      c.writeConfig();
      c.startDaemon();
      c.importImage(c.buildImage());
      return c;
    } catch (IOException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  /** Where containerd keeps a task's bundle. */
  Path bundle(String id) {
    return state.resolve("io.containerd.runtime.v2.task/default").resolve(id);
  }

  Cli.Result ctr(String... args) {
    return ctrWithTimeout(60, args);
  }

  Cli.Result ctrWithTimeout(int seconds, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ctr", "-a", socket.toString()));
    cmd.addAll(List.of(args));
    return Cli.run(cmd, seconds);
  }

  /** Restarts containerd on the same config: shims must survive and answer Connect again. */
  void restart() throws IOException {
    stopDaemon();
    startDaemon();
  }

  private void writeConfig() throws IOException {
    Files.writeString(work.resolve("config.toml"), """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        disabled_plugins = ["io.containerd.grpc.v1.cri"]
        [grpc]
          address = "%2$s"
        [ttrpc]
          address = "%2$s.ttrpc"
        [debug]
          address = "%1$s/debug.sock"
          level = "debug"
        """.formatted(work, socket));
  }

  private void startDaemon() throws IOException {
    ProcessBuilder pb = new ProcessBuilder("containerd", "--config", work.resolve("config.toml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("containerd.log").toFile()));
    Map<String, String> env = pb.environment();
    env.put("PATH", Cli.bin("containerd-shim-bramble-v1").getParent() + ":" + env.getOrDefault("PATH",
        "/usr/sbin:/usr/bin:/sbin:/bin"));
    env.put("JAVA_TOOL_OPTIONS", "-Dbramble.e2e=picked-up");
    containerd = pb.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(socket) && ctrWithTimeout(10, "version").exit() == 0) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("containerd did not come up: " + log());
  }

  private void stopDaemon() {
    if (containerd != null && containerd.isAlive()) {
      containerd.destroy();
      try {
        if (!containerd.waitFor(20, TimeUnit.SECONDS)) {
          containerd.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  String log() {
    try {
      return Files.readString(work.resolve("containerd.log"));
    } catch (IOException e) {
      return "(no containerd log: " + e.getMessage() + ")";
    }
  }

  /** A one-layer OCI image archive holding /bin/busybox and a few applet links. */
  private Path buildImage() throws IOException {
    Path layer = work.resolve("image/layer");
    Path layout = work.resolve("image/layout");
    Path blobs = layout.resolve("blobs/sha256");
    Files.createDirectories(layer.resolve("bin"));
    Files.createDirectories(blobs);
    Files.copy(Path.of("/bin/busybox"), layer.resolve("bin/busybox"));
    for (String applet : List.of("sh", "sleep", "echo", "true", "cat", "ls", "ps")) {
      Files.createSymbolicLink(layer.resolve("bin").resolve(applet), Path.of("busybox"));
    }
    Path layerTar = work.resolve("image/layer.tar");
    exec("tar", "-C", layer.toString(), "--numeric-owner", "--owner=0", "--group=0", "-cf", layerTar.toString(),
        "bin");
    String diffId = sha256(Files.readAllBytes(layerTar));
    exec("gzip", "-n", "-k", layerTar.toString());
    String[] layerBlob = blob(blobs, Files.readAllBytes(Path.of(layerTar + ".gz")));
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    String[] config = blob(blobs, ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Env\":"
        + "[\"PATH=/bin\"],\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId
        + "\"]}}").getBytes(StandardCharsets.UTF_8));
    String[] manifest = blob(blobs, ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + config[0]
        + "\",\"size\":" + config[1] + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
        + "\"digest\":\"sha256:" + layerBlob[0] + "\",\"size\":" + layerBlob[1] + "}]}")
        .getBytes(StandardCharsets.UTF_8));
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + manifest[0] + "\",\"size\":"
        + manifest[1] + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + IMAGE + "\"}}]}");
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Path image = work.resolve("image/image.tar");
    exec("tar", "-C", layout.toString(), "-cf", image.toString(), "oci-layout", "index.json", "blobs");
    return image;
  }

  private void importImage(Path image) {
    Cli.Result r = ctr("images", "import", image.toString());
    if (r.exit() != 0) {
      throw new IllegalStateException("ctr images import failed: " + r.all());
    }
  }

  private static String[] blob(Path blobs, byte[] content) throws IOException {
    String digest = sha256(content);
    Files.write(blobs.resolve(digest), content);
    return new String[] {digest, Integer.toString(content.length)};
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void exec(String... cmd) {
    Cli.Result r = Cli.run(List.of(cmd), 60);
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.all());
    }
  }

  /**
   * Shim daemons (and start/delete runs) of this containerd: their cwd is one of its bundles, or (a namespace
   * daemon, whose cwd is the socket directory) their command line names its address.
   */
  List<String> shimProcesses() {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"),
        p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path p : procs) {
        try {
          String raw = Files.readString(p.resolve("cmdline"));
          String cmdline = raw.replace('\0', ' ');
          if (cmdline.contains("dev.bramble.shim.ShimMain") && (raw.contains("\0-address\0" + socket + "\0")
              || Files.readSymbolicLink(p.resolve("cwd")).startsWith(work))) {
            found.add(p.getFileName() + ": " + cmdline);
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Shim daemon pids only (no action word on the command line). */
  List<Integer> shimDaemons() {
    return shimProcesses().stream().filter(l -> !l.endsWith(" start ") && !l.endsWith(" delete "))
        .map(l -> Integer.valueOf(l.substring(0, l.indexOf(':')))).toList();
  }

  /** Everything of ours that could outlive a test: shims, their sockets, mounts, bundles. */
  List<String> leftovers(List<String> ids) throws IOException {
    List<String> found = new ArrayList<>(shimProcesses());
    for (String group : ids) {
      Path sock = Path.of("/run/containerd/s", dev.bramble.shim.manager.ShimSocket.hash(socket.toString(),
          "default", group));
      for (Path p : List.of(sock, Path.of(sock + ".ready"), Path.of(sock + ".grpc"))) {
        if (Files.exists(p)) {
          found.add("socket " + p);
        }
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(state.toString())) {
        found.add("mount: " + line);
      }
    }
    Path bundles = state.resolve("io.containerd.runtime.v2.task/default");
    if (Files.isDirectory(bundles)) {
      try (Stream<Path> s = Files.list(bundles)) {
        s.forEach(b -> found.add("bundle " + b));
      }
    }
    return found;
  }

  /** Polls {@code ctr task ls} until the task shows {@code status}. */
  boolean awaitTaskStatus(String id, String status, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      for (String line : ctr("task", "ls").out().split("\n")) {
        String[] w = line.trim().split("\\s+");
        if (w.length >= 3 && w[0].equals(id) && w[2].equals(status)) {
          return true;
        }
      }
      sleep(100);
    }
    return false;
  }

  /** Waits until no shim of ours is left (a daemon exits shortly after its last Shutdown). */
  boolean awaitNoShims(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (shimProcesses().isEmpty()) {
        return true;
      }
      sleep(100);
    }
    return false;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes whatever a failed test left: tasks, containers, the image, containerd, mounts, the temp dir. */
  @Override
  public void close() {
    if (containerd != null && containerd.isAlive()) {
      for (String line : ctr("task", "ls", "-q").out().split("\n")) {
        if (!line.isBlank()) {
          ctr("task", "kill", "-s", "SIGKILL", line.trim());
          ctr("task", "delete", "-f", line.trim());
        }
      }
      for (String line : ctr("containers", "ls", "-q").out().split("\n")) {
        if (!line.isBlank()) {
          ctr("containers", "delete", line.trim());
        }
      }
    }
    stopDaemon();
    // a namespace shim idles on without containerd: a failed test must not leave its JVM running
    shimDaemons().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    try {
      List<String> mounts = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String point = line.split(" ")[4];
        if (point.startsWith(work.toString())) {
          mounts.add(point);
        }
      }
      mounts.sort(Comparator.reverseOrder());
      for (String m : mounts) {
        Cli.run(List.of("umount", "-l", m), 10);
      }
      try (Stream<Path> walk = Files.walk(work)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // a temp dir left behind is not worth failing a test run over
    }
  }
}
