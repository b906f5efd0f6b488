package dev.bramble.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.container.ProcessTable;
import dev.bramble.shim.manager.ReadyFile;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.shim.manager.StartCommand;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM-less {@code start} (src/main/lib/shim-fast-start.sh) against the Java it must agree with: the
 * socket name ShimSocket derives, the ready file ReadyFile writes. Every check the fast path makes is shown to
 * decline when its input is off — a wrong join would put a container in the wrong daemon.
 */
class ShimFastStartTest {
  private static final Path SCRIPT = Path.of("src/main/lib/shim-fast-start.sh").toAbsolutePath();
  private static final String ADDRESS = "/run/containerd/containerd.sock";
  private static final List<String> ARGS = List.of("-namespace", "k8s.io", "-address", ADDRESS, "-publish-binary",
      "/usr/bin/containerd", "-id", "c1", "start");

  @TempDir Path tmp;
  private Path socketDir;
  private Path bundle;
  private Path socket;
  private ServerSocketChannel listener;
  private Process daemon;
  private final byte[] options = "runtime options as containerd writes them".getBytes(StandardCharsets.UTF_8);
  private final Map<String, String> env = new HashMap<>(Map.of("BRAMBLE_SHIM_GROUP", "namespace"));

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void aLiveNamespaceDaemon() throws Exception {
    socketDir = Files.createDirectories(tmp.resolve("s"));
    bundle = Files.createDirectories(tmp.resolve("bundle"));
    socket = ShimSocket.of(socketDir, ADDRESS, "k8s.io", StartCommand.NAMESPACE_GROUP).path();
    listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(socket));
    // a stand-in daemon: alive (until its stdin closes), its command line naming the shim's main class as the real
    // one's does, and without a child that would outlive it
    daemon = new ProcessBuilder("sh", "-c", "read x", "dev.bramble.shim.ShimMain").start();
    publish(ready(daemon.pid(), "unix://" + socket));
  }

  @AfterEach
  void stop() throws IOException {
    daemon.destroyForcibly();
    listener.close();
  }

  private ReadyFile ready(long pid, String print) {
    return new ReadyFile((int) pid, new ProcessTable(Path.of("/proc")).startTime((int) pid),
        ReadyFile.sha256(options), "", "", ReadyFile.envOf(env), print);
  }

  private void publish(ReadyFile r) throws IOException {
    r.publish(Path.of(socket + ".ready"));
  }

  /** What the launcher does for start: find the socket from the arguments, then try the fast path. */
  private Result start(List<String> args, Map<String, String> environment) throws Exception {
    Path saved = Files.write(tmp.resolve("opts"), options);
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", ". \"$0\"; sock=$(bramble_shim_namespace_socket \"$@\")"
        + " && bramble_shim_fast_start \"$sock\" " + saved, SCRIPT.toString(), socketDir.toString()));
    cmd.addAll(args);
    return run(cmd, environment);
  }

  private Result run(List<String> cmd, Map<String, String> environment) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(bundle.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BRAMBLE_SHIM_"));
    pb.environment().putAll(environment);
    Process p = pb.start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private void assertDeclined(Result r) {
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.out(), "a declined fast path prints nothing");
    assertFalse(Files.exists(bundle.resolve("address")), "and writes no address");
  }

  private String shellSocketName(String address, String namespace, String group) throws Exception {
    Result r = run(List.of("sh", "-c", ". \"$0\"; bramble_shim_socket_name \"$@\"", SCRIPT.toString(), address,
        namespace, group), Map.of());
    return r.exit() == 0 ? r.out().trim() : null;
  }

  @Test
  void theShellDerivesTheSocketNameJavaDoes() throws Exception {
    String[][] clean = {
        {ADDRESS, "default", StartCommand.NAMESPACE_GROUP},
        {"/run/k3s/containerd/containerd.sock", "k8s.io", StartCommand.NAMESPACE_GROUP},
        {"/tmp/bramble-ctrd123/containerd.sock", "moby", "grpA"},
        {"containerd.sock", "default", "g"},
        {"/tmp/a b/$HOME `x` \\\"q'/c.sock", "ns-1", "*"},
        {"/x", "a.b", "c"},
    };
    for (String[] in : clean) {
      assertEquals(ShimSocket.hash(in[0], in[1], in[2]), shellSocketName(in[0], in[1], in[2]), String.join("|", in));
    }
  }

  @Test
  void pathsGoWouldCleanOrNonAsciiAreLeftToTheJvm() throws Exception {
    String[][] unclean = {
        {"/run//containerd/containerd.sock", "default"}, {"/run/./c.sock", "default"}, {"/run/x/../c.sock", "d"},
        {"/run/c.sock/", "default"}, {".", "default"}, {"/run/c.sock", "."}, {"/run/c.sock", ".."},
        {"/run/c.sock", ""}, {"", "default"}, {"/tmp/é.sock", "default"}, {"/tmp/tab\t.sock", "default"},
    };
    for (String[] in : unclean) {
      String name = shellSocketName(in[0], in[1], "g");
      assertEquals(null, name, String.join("|", in) + " -> " + name);
    }
  }

  @Test
  void joinsTheMatchingLiveDaemonWritingTheAddressAndAMarker() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", bundle.resolve("log").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    try (RandomAccessFile fifo = new RandomAccessFile(bundle.resolve("log").toFile(), "rw")) { // as containerd: RDWR
      Result r = start(ARGS, env);
      assertEquals(new Result(0, "unix://" + socket, ""), r);
      assertEquals("unix://" + socket, Files.readString(bundle.resolve("address")));
      assertFalse(Files.exists(bundle.resolve(".address")));
      byte[] buf = new byte[4096];
      String line = new String(buf, 0, fifo.read(buf), StandardCharsets.UTF_8);
      assertTrue(line.matches("level=info msg=\"start in " + bundle.toRealPath()
          + ": joined the namespace shim \\(pid " + daemon.pid() + "\\) from its ready file, without a JVM\"\n"),
          line);
    }
  }

  @Test
  void printsTheGrpcLineTheDaemonDeclared() throws Exception {
    String json = "{\"version\":3,\"address\":\"" + socket + ".grpc\",\"protocol\":\"grpc\"}";
    publish(ready(daemon.pid(), json));
    assertEquals(new Result(0, json, ""), start(ARGS, env));
    assertEquals("unix://" + socket, Files.readString(bundle.resolve("address")), "the address file is ttrpc's");
  }

  @Test
  void aDeadPidIsStale() throws Exception {
    Process gone = new ProcessBuilder("sh", "-c", ":", "dev.bramble.shim.ShimMain").start();
    ReadyFile stale = ready(daemon.pid(), "unix://" + socket);
    gone.waitFor();
    publish(new ReadyFile((int) gone.pid(), stale.startTime(), stale.optionsSha256(), "", "", stale.env(),
        stale.print()));
    assertDeclined(start(ARGS, env));
  }

  @Test
  void aRecycledPidIsToldApartByItsStartTime() throws Exception {
    ReadyFile r = ready(daemon.pid(), "unix://" + socket);
    publish(new ReadyFile(r.pid(), r.startTime() + 1, r.optionsSha256(), "", "", r.env(), r.print()));
    assertDeclined(start(ARGS, env));
  }

  @Test
  void aLiveProcessThatIsNotTheShimIsNotJoined() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      publish(ready(other.pid(), "unix://" + socket));
      assertDeclined(start(ARGS, env));
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void otherStartOptionsMayMeanAnotherGroupingSoTheJvmDecides() throws Exception {
    ReadyFile r = ready(daemon.pid(), "unix://" + socket);
    publish(new ReadyFile(r.pid(), r.startTime(), ReadyFile.sha256(new byte[0]), "", "", r.env(), r.print()));
    assertDeclined(start(ARGS, env));
  }

  @Test
  void anotherEnvironmentMayMeanAnotherGroupingSoTheJvmDecides() throws Exception {
    assertDeclined(start(ARGS, Map.of())); // a pod-mode start: BRAMBLE_SHIM_GROUP unset
    assertDeclined(start(ARGS, Map.of("BRAMBLE_SHIM_GROUP", "namespace", "BRAMBLE_SHIM_PROTOCOL", "grpc")));
    assertDeclined(start(ARGS, Map.of("BRAMBLE_SHIM_GROUP", "namespace", "BRAMBLE_SHIM_IDLE_EXIT", "5")));
  }

  @Test
  void aConfigFileEditedSinceTheDaemonStartedSendsTheStartToTheJvm() throws Exception {
    Path config = Files.writeString(tmp.resolve("shim.toml"), "group = \"namespace\"\n");
    ReadyFile r = ready(daemon.pid(), "unix://" + socket);
    publish(new ReadyFile(r.pid(), r.startTime(), r.optionsSha256(), config.toString(),
        ReadyFile.sha256(Files.readAllBytes(config)), r.env(), r.print()));
    assertEquals(0, start(ARGS, env).exit(), "unchanged: joined");
    Files.delete(bundle.resolve("address"));
    Files.writeString(config, "group = \"pod\"\n");
    assertDeclined(start(ARGS, env));
    Files.delete(config);
    assertDeclined(start(ARGS, env));
  }

  @Test
  void aPrintThatIsNotThisSocketsAddressIsRefused() throws Exception {
    publish(ready(daemon.pid(), "unix:///run/containerd/s/elsewhere"));
    assertDeclined(start(ARGS, env));
    publish(ready(daemon.pid(), "unix://" + socket + "\" extra"));
    assertDeclined(start(ARGS, env));
  }

  @Test
  void noSocketOrAnUnknownVersionIsDeclined() throws Exception {
    Files.writeString(Path.of(socket + ".ready"), ready(daemon.pid(), "unix://" + socket).render()
        .replace("bramble-shim-ready 1", "bramble-shim-ready 2"));
    assertDeclined(start(ARGS, env));
    publish(ready(daemon.pid(), "unix://" + socket));
    listener.close();
    Files.delete(socket);
    assertDeclined(start(ARGS, env));
  }

  @Test
  void commandLinesItDoesNotFullyUnderstandAreLeftToTheJvm() throws Exception {
    assertDeclined(start(List.of("-namespace", "k8s.io", "-address", ADDRESS, "-id", "c1", "-unknown", "start"),
        env));
    assertDeclined(start(List.of("-namespace", "k8s.io", "-address", ADDRESS, "-id", "c1", "delete"), env));
    assertDeclined(start(List.of("-namespace", "k8s.io", "-address", ADDRESS, "-id", "start"), env));
    assertDeclined(start(List.of("-namespace", "k8s.io", "-address", ADDRESS, "start"), env));
    assertDeclined(start(List.of("-namespace", "default", "-address", ADDRESS, "-id", "c1", "start"), env));
    Result equalsForm = start(List.of("--namespace=k8s.io", "-address=" + ADDRESS, "-id", "c1", "-debug", "start"),
        env);
    assertEquals(0, equalsForm.exit(), equalsForm.toString());
  }
}
