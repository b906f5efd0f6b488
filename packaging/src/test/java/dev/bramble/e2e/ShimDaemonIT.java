package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.shim.api.TaskRequests;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.grpc.GrpcTaskServer;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.testbundles.BusyboxBundle;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ClientCalls;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim without containerd: {@code start} and {@code delete} run as containerd runs them (cwd = bundle, flags,
 * JAVA_TOOL_OPTIONS in the environment), and the gRPC endpoint — which Debian's containerd 1.6 cannot use — is
 * driven by a grpc-java client through a whole container life.
 */
class ShimDaemonIT {
  @TempDir Path tmp;
  /** Every shim socket a test may have started a daemon on; a failed test's daemon is stopped by force. */
  private final List<ShimSocket> started = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopLeftoverShims() throws Exception {
    for (ShimSocket socket : started) {
      if (!Files.exists(socket.path())) {
        continue;
      }
      try (dev.bramble.shim.ttrpc.TtrpcClient c = dev.bramble.shim.ttrpc.TtrpcClient.connect(socket.path())) {
        int pid = TaskResponses.Connect.decode(c.callOk("containerd.task.v2.Task", "Connect",
            new TaskRequests.ContainerRef("").encode())).shimPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // EXITKILL takes its containers along
      } catch (java.io.IOException e) {
        // no daemon behind it
      }
      Files.deleteIfExists(socket.path());
      Files.deleteIfExists(socket.grpcPath());
    }
  }

  private Cli.Result shim(Path cwd, List<String> env, String... args) throws Exception {
    return shim(cwd, env, null, args);
  }

  /** @param stdin bytes for the shim's stdin (runtime options), or null for /dev/null */
  private Cli.Result shim(Path cwd, List<String> env, byte[] stdin, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Cli.bin("containerd-shim-bramble-v1").toString()));
    cmd.addAll(List.of(args));
    File out = tmp.resolve("shim.out").toFile();
    File err = tmp.resolve("shim.err").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(out).redirectError(err);
    File in = new File("/dev/null");
    if (stdin != null) {
      in = tmp.resolve("shim.in").toFile();
      Files.write(in.toPath(), stdin);
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(in));
    pb.environment().remove("TTRPC_ADDRESS");
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Dbramble.e2e=picked-up");
    for (String e : env) {
      pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "shim " + List.of(args) + " timed out");
    // ISO-8859-1 keeps every byte: delete's stdout is protobuf, not text
    return new Cli.Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.ISO_8859_1),
        Files.readString(err.toPath(), StandardCharsets.ISO_8859_1));
  }

  private static <T> MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("containerd.task.v3.Task/" + name)
        .setRequestMarshaller(GrpcTaskServer.BYTES).setResponseMarshaller(GrpcTaskServer.BYTES).build();
  }

  private static byte[] call(ManagedChannel ch, String name, byte[] request) {
    return ClientCalls.blockingUnaryCall(ch, method(name), CallOptions.DEFAULT.withDeadlineAfter(30,
        TimeUnit.SECONDS), request);
  }

  @Test
  void grpcEndpointRunsAContainerThroughItsWholeLife() throws Exception {
    String id = "grpc-" + ProcessHandle.current().pid();
    Path bundle = BusyboxBundle.create(tmp.resolve("bundle")).args("sh", "-c", "echo via-grpc; exit 5").build();
    Path fakeContainerd = tmp.resolve("containerd.sock");
    // the protocol comes the way containerd passes runtime options: an Any on stdin naming the shim's config file
    Path config = Files.writeString(tmp.resolve("shim.toml"), "protocol = \"grpc\"\n");
    byte[] options = new dev.bramble.shim.proto.AnyMessage("runtimeoptions.v1.Options",
        new dev.bramble.shim.proto.ProtoWriter().string(2, config.toString()).toByteArray()).encode();
    Cli.Result start = shim(bundle, List.of(), options, "-namespace", "default", "-address",
        fakeContainerd.toString(), "-publish-binary", "/usr/bin/containerd", "-id", id, "start");
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default", id);
    started.add(socket);
    assertEquals(0, start.exit(), start.all());
    assertEquals("{\"version\":3,\"address\":\"" + socket.grpcPath() + "\",\"protocol\":\"grpc\"}", start.out());
    assertEquals("", start.err(), "nothing but the address may be printed");
    assertEquals(socket.address(), Files.readString(bundle.resolve("address")));

    byte[] deleted;
    EpollEventLoopGroup group = new EpollEventLoopGroup(1);
    ManagedChannel ch = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.grpcPath().toString()))
        .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
    try {
      Path out = tmp.resolve("stdout.txt");
      int pid = TaskResponses.Pid.decode(call(ch, "Create", new TaskRequests.Create(id, bundle.toString(),
          List.of(), false, "", "file://" + out, "file://" + out, "", "", null).encode())).pid();
      assertTrue(pid > 0);
      TaskResponses.Connect connect = TaskResponses.Connect.decode(call(ch, "Connect",
          new TaskRequests.ContainerRef(id).encode()));
      assertEquals(pid, connect.taskPid());
      assertEquals(TaskResponses.Status.CREATED, TaskResponses.State.decode(call(ch, "State",
          new TaskRequests.ProcessRef(id, "").encode())).status());
      assertEquals(pid, TaskResponses.Pid.decode(call(ch, "Start", new TaskRequests.ProcessRef(id, "").encode()))
          .pid());
      TaskResponses.Wait w = TaskResponses.Wait.decode(call(ch, "Wait", new TaskRequests.ProcessRef(id, "").encode()));
      assertEquals(5, w.exitStatus());
      TaskResponses.State s = TaskResponses.State.decode(call(ch, "State", new TaskRequests.ProcessRef(id, "")
          .encode()));
      assertEquals(TaskResponses.Status.STOPPED, s.status());
      assertEquals(5, s.exitStatus());

      StatusRuntimeException gone = assertThrows(StatusRuntimeException.class,
          () -> call(ch, "Kill", new TaskRequests.Kill(id, "", 9, false).encode()));
      assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
      StatusRuntimeException pause = assertThrows(StatusRuntimeException.class,
          () -> call(ch, "Pause", new TaskRequests.ContainerRef(id).encode()));
      assertEquals(Status.Code.FAILED_PRECONDITION, pause.getStatus().getCode());
      assertTrue(pause.getStatus().getDescription().contains("stopped, not running"),
          pause.getStatus().getDescription());
      StatusRuntimeException checkpoint = assertThrows(StatusRuntimeException.class,
          () -> call(ch, "Checkpoint", new TaskRequests.ContainerRef(id).encode()));
      assertEquals(Status.Code.UNIMPLEMENTED, checkpoint.getStatus().getCode());

      deleted = call(ch, "Delete", new TaskRequests.ProcessRef(id, "").encode());
      TaskResponses.Delete d = TaskResponses.Delete.decode(deleted);
      assertEquals(pid, d.pid());
      assertEquals(5, d.exitStatus());
      assertArrayEquals(deleted, Files.readAllBytes(bundle.resolve("delete.answer")),
          "the daemon keeps its answer for the delete subcommand");
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(bundle.resolve("delete.answer"))));
      assertEquals("via-grpc\n", Files.readString(out));
      StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
          () -> call(ch, "State", new TaskRequests.ProcessRef(id, "").encode()));
      assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());

      call(ch, "Shutdown", new TaskRequests.Shutdown(id, false).encode());
    } finally {
      ch.shutdownNow();
      group.shutdownGracefully();
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while ((Files.exists(socket.path()) || Files.exists(socket.grpcPath())) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(Files.exists(socket.path()), "the shim removes its socket on shutdown");
    assertFalse(Files.exists(socket.grpcPath()));

    // containerd's delete after the teardown: nothing is left to clean, so the launcher answers without a JVM
    Cli.Result delete = shim(bundle, List.of("BRAMBLE_JAVA=/bin/false"), "-namespace", "default", "-address",
        fakeContainerd.toString(), "-publish-binary", "/usr/bin/containerd", "-id", id, "-bundle",
        bundle.toString(), "delete");
    assertEquals(0, delete.exit(), delete.all());
    assertArrayEquals(deleted, delete.out().getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void deletePrintsADeleteResponseAndKillsTheRecordedInit() throws Exception {
    Path bundle = Files.createDirectories(tmp.resolve("dead-bundle"));
    Files.createDirectories(bundle.resolve("rootfs"));
    Process sleeper = new ProcessBuilder("sleep", "100").start();
    long start = new dev.bramble.runtime.container.ProcessTable(Path.of("/proc")).startTime((int) sleeper.pid());
    Files.writeString(bundle.resolve("init.pid"), sleeper.pid() + " " + start + "\n");
    // an answer beside a live init.pid is not trusted: the JVM path runs and kills the init
    Files.write(bundle.resolve("delete.answer"), new TaskResponses.Delete(1, 0, null).encode());
    Cli.Result r = shim(bundle, List.of(), "-namespace", "default", "-address", "/x/containerd.sock", "-id", "gone",
        "-bundle", bundle.toString(), "delete");
    assertEquals(0, r.exit(), r.all());
    assertEquals("", r.err());
    TaskResponses.Delete d = TaskResponses.Delete.decode(r.out().getBytes(StandardCharsets.ISO_8859_1));
    assertEquals((int) sleeper.pid(), d.pid());
    assertEquals(137, d.exitStatus());
    assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the recorded init was killed");
    assertFalse(Files.exists(bundle.resolve("init.pid")));

    Cli.Result again = shim(bundle, List.of(), "-namespace", "default", "-address", "/x/containerd.sock", "-id",
        "gone", "-bundle", bundle.toString(), "delete");
    assertEquals(0, again.exit(), "delete is idempotent: " + again.all());
  }

  @Test
  void startOfASecondContainerOfTheGroupReusesTheLiveShim() throws Exception {
    String group = "grp-" + ProcessHandle.current().pid();
    Path fakeContainerd = tmp.resolve("containerd.sock");
    Path b1 = BusyboxBundle.create(tmp.resolve("b1")).annotation("io.kubernetes.cri.sandbox-id", group).build();
    Path b2 = BusyboxBundle.create(tmp.resolve("b2")).annotation("io.kubernetes.cri.sandbox-id", group).build();
    Cli.Result first = shim(b1, List.of(), "-namespace", "default", "-address", fakeContainerd.toString(), "-id",
        "c1", "start");
    Cli.Result second = shim(b2, List.of(), "-namespace", "default", "-address", fakeContainerd.toString(), "-id",
        "c2", "start");
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default", group);
    started.add(socket);
    try {
      assertEquals(0, first.exit(), first.all());
      assertEquals(socket.address(), first.out());
      assertEquals(socket.address(), second.out(), second.all());
      assertEquals(socket.address(), Files.readString(b2.resolve("address")));
    } finally {
      try (dev.bramble.shim.ttrpc.TtrpcClient c = dev.bramble.shim.ttrpc.TtrpcClient.connect(socket.path())) {
        assertArrayEquals(new byte[0], c.callOk("containerd.task.v2.Task", "Shutdown",
            new TaskRequests.Shutdown("c1", false).encode()));
      }
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (Files.exists(socket.path()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(Files.exists(socket.path()));
  }

  @Test
  void orphansOfAContainerWithoutPidNamespaceAreReaped() throws Exception {
    String id = "orphan-" + ProcessHandle.current().pid();
    // the init leaves a background child behind and exits: with no pid namespace the orphan is reparented to the
    // shim (a subreaper), is killed with its init, and must not stay a zombie of the shim (its tracer thread, in the
    // same thread group as its new parent, collects it; ChildReaperTest covers children nobody traces)
    Path bundle = BusyboxBundle.create(tmp.resolve("orphan")).withoutNamespace("pid")
        .args("sh", "-c", "(sleep 100 &); sleep 0.3; exit 0").build();
    Path fakeContainerd = tmp.resolve("containerd.sock");
    Cli.Result start = shim(bundle, List.of(), "-namespace", "default", "-address", fakeContainerd.toString(),
        "-id", id, "start");
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default", id);
    started.add(socket);
    assertEquals(0, start.exit(), start.all());
    String task = "containerd.task.v2.Task";
    try (dev.bramble.shim.ttrpc.TtrpcClient c = dev.bramble.shim.ttrpc.TtrpcClient.connect(socket.path())) {
      c.callOk(task, "Create", new TaskRequests.Create(id, bundle.toString(), List.of(), false, "", "", "", "", "",
          null).encode());
      int shimPid = TaskResponses.Connect.decode(c.callOk(task, "Connect", new TaskRequests.ContainerRef(id)
          .encode())).shimPid();
      c.callOk(task, "Start", new TaskRequests.ProcessRef(id, "").encode());
      assertEquals(0, TaskResponses.Wait.decode(c.callOk(task, "Wait", new TaskRequests.ProcessRef(id, "")
          .encode())).exitStatus());
      long deadline = System.currentTimeMillis() + 5000;
      List<String> zombies = zombieChildren(shimPid);
      while (!zombies.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
        zombies = zombieChildren(shimPid);
      }
      assertEquals(List.of(), zombies, "zombie children left on the shim");
      c.callOk(task, "Delete", new TaskRequests.ProcessRef(id, "").encode());
      c.callOk(task, "Shutdown", new TaskRequests.Shutdown(id, false).encode());
    }
  }

  /** Children of {@code pid} (any of its threads) that are zombies or still run sleep 100. */
  private static List<String> zombieChildren(int pid) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String status = Files.readString(p.resolve("status"));
          if (status.contains("\nPPid:\t" + pid + "\n") && (status.contains("State:\tZ")
              || Files.readString(p.resolve("cmdline")).startsWith("sleep"))) {
            out.add(p.getFileName() + " " + status.lines().filter(l -> l.startsWith("State")).findFirst().orElse(""));
          }
        } catch (java.io.IOException e) {
          // gone
        }
      }
    }
    return out;
  }

  @Test
  void aStaleSocketOfADeadShimIsReplaced() throws Exception {
    String id = "stale-" + ProcessHandle.current().pid();
    Path bundle = BusyboxBundle.create(tmp.resolve("stale")).build();
    Path fakeContainerd = tmp.resolve("containerd.sock");
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default", id);
    started.add(socket);
    Files.createDirectories(socket.path().getParent());
    try (java.nio.channels.ServerSocketChannel dead = java.nio.channels.ServerSocketChannel.open(
        java.net.StandardProtocolFamily.UNIX)) {
      dead.bind(java.net.UnixDomainSocketAddress.of(socket.path())); // closing leaves the file: a crashed shim's
    }
    assertTrue(Files.exists(socket.path()));
    Cli.Result start = shim(bundle, List.of(), "-namespace", "default", "-address", fakeContainerd.toString(), "-id",
        id, "start");
    assertEquals(0, start.exit(), start.all());
    assertEquals(socket.address(), start.out());
    try (dev.bramble.shim.ttrpc.TtrpcClient c = dev.bramble.shim.ttrpc.TtrpcClient.connect(socket.path())) {
      assertTrue(TaskResponses.Connect.decode(c.callOk("containerd.task.v2.Task", "Connect",
          new TaskRequests.ContainerRef(id).encode())).shimPid() > 0, "a new shim answers on the old name");
      c.callOk("containerd.task.v2.Task", "Shutdown", new TaskRequests.Shutdown(id, false).encode());
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (Files.exists(socket.path()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(Files.exists(socket.path()));
  }

  @Test
  void aWarmNamespaceShimAnswersStartWithoutAJvmAndOnlyForItsOwnMode() throws Exception {
    Path fakeContainerd = tmp.resolve("containerd.sock");
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default",
        dev.bramble.shim.manager.StartCommand.NAMESPACE_GROUP);
    started.add(socket);
    List<String> namespace = List.of("BRAMBLE_SHIM_GROUP=namespace", "BRAMBLE_SHIM_IDLE_EXIT=1");
    Path b1 = BusyboxBundle.create(tmp.resolve("n1")).build();
    Path b2 = BusyboxBundle.create(tmp.resolve("n2")).build();
    Path b3 = BusyboxBundle.create(tmp.resolve("n3")).build();
    try {
      Cli.Result first = shim(b1, namespace, "-namespace", "default", "-address", fakeContainerd.toString(), "-id",
          "n1", "start");
      assertEquals(0, first.exit(), first.all());
      assertEquals(socket.address(), first.out());
      long deadline = System.currentTimeMillis() + 20_000;
      while (!Files.exists(socket.readyPath()) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(socket.readyPath()), "the daemon publishes its ready file once it serves");

      // no JVM can run now: a start that still succeeds took the fast path
      List<String> noJava = new java.util.ArrayList<>(namespace);
      noJava.add("BRAMBLE_JAVA=/bin/false");
      Cli.Result second = shim(b2, noJava, "-namespace", "default", "-address", fakeContainerd.toString(), "-id",
          "n2", "start");
      assertEquals(new Cli.Result(0, socket.address(), ""), second);
      assertEquals(socket.address(), Files.readString(b2.resolve("address")));

      // a pod-mode start (no BRAMBLE_SHIM_GROUP) must not be answered by the namespace daemon: it needs the JVM
      Cli.Result pod = shim(b3, List.of("BRAMBLE_JAVA=/bin/false"), "-namespace", "default", "-address",
          fakeContainerd.toString(), "-id", "n3", "start");
      assertTrue(pod.exit() != 0, "the JVM path ran (and could not): " + pod.all());
      assertFalse(Files.exists(b3.resolve("address")));
    } finally {
      started.add(ShimSocket.of(ShimSocket.DEFAULT_DIR, fakeContainerd.toString(), "default", "n3"));
    }
    // no container ever came: after its idle time (1 s) and the linger the daemon leaves, withdrawing everything
    long deadline = System.currentTimeMillis() + 15_000;
    while (Files.exists(socket.path()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(Files.exists(socket.path()));
    assertFalse(Files.exists(socket.readyPath()));
    String log = Files.readString(socket.logPath());
    assertTrue(log.contains("no container for 1 s: exiting"), log);
    Files.deleteIfExists(socket.logPath());
  }
}
