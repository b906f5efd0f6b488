package dev.bramble.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.shim.ttrpc.TtrpcMessages.Request;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over a real unix socket, driven frame by frame as containerd does. */
class TtrpcServerTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private TestServer server;
  private FrameChannel client;

  @BeforeEach
  void start() throws IOException {
    Services services = new Services(e -> {})
        .register("test.Svc", "Echo", (ctx, p) -> p)
        .register("test.Svc", "Block", (ctx, p) -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "released".getBytes(StandardCharsets.UTF_8);
        })
        .register("test.Svc", "Fail", (ctx, p) -> {
          throw RpcException.notFound("no such thing");
        })
        .register("test.Svc", "Bug", (ctx, p) -> {
          throw new IllegalStateException("boom");
        })
        .register("test.Svc", "Namespace", (ctx, p) -> String.valueOf(ctx.namespace()).getBytes());
    server = new TestServer(services);
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(server.socket));
    client = new FrameChannel(ch);
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    client.close();
    server.close();
  }

  private void send(int sid, String method, byte[] payload) throws IOException {
    client.write(new Frame(sid, Frame.TYPE_REQUEST, (byte) 0,
        new Request("test.Svc", method, payload, 0, List.of()).encode()));
  }

  private Frame receive() throws IOException {
    return ((FrameChannel.Received) client.read()).frame();
  }

  @Test
  void answersOnTheRequestsStreamId() throws IOException {
    send(1, "Echo", "hi".getBytes());
    Frame f = receive();
    assertEquals(1, f.streamId());
    assertEquals(Frame.TYPE_RESPONSE, f.type());
    assertEquals(0, f.flags());
    Response r = Response.decode(f.data());
    assertTrue(r.isOk());
    assertEquals(null, r.status(), "success carries no status field, as Go's server sends it");
    assertArrayEquals("hi".getBytes(), r.payload());
  }

  @Test
  void aBlockedRequestDoesNotHoldUpLaterOnesOnTheSameConnection() throws IOException {
    send(1, "Block", new byte[0]); // containerd's Wait: blocks for the container's whole life
    send(3, "Echo", "a".getBytes());
    send(5, "Echo", "b".getBytes());
    List<Integer> first = new ArrayList<>(List.of(receive().streamId(), receive().streamId()));
    first.sort(null);
    assertEquals(List.of(3, 5), first, "both echoes answered while the first request still blocks");
    release.countDown();
    Frame last = receive();
    assertEquals(1, last.streamId());
    assertArrayEquals("released".getBytes(), Response.decode(last.data()).payload());
  }

  @Test
  void unknownServiceAndMethodAreUnimplemented() throws IOException {
    client.write(new Frame(1, Frame.TYPE_REQUEST, (byte) 0,
        new Request("no.Such", "X", new byte[0], 0, List.of()).encode()));
    Response r = Response.decode(receive().data());
    assertEquals(12, r.status().code());
    assertEquals("service no.Such", r.status().message());
    send(3, "Nope", new byte[0]);
    r = Response.decode(receive().data());
    assertEquals(12, r.status().code());
    assertEquals("method Nope", r.status().message());
  }

  @Test
  void handlerErrorsBecomeStatuses() throws IOException {
    send(1, "Fail", new byte[0]);
    assertEquals(5, Response.decode(receive().data()).status().code());
    send(3, "Bug", new byte[0]);
    Response r = Response.decode(receive().data());
    assertEquals(2, r.status().code());
    assertEquals("boom", r.status().message());
  }

  @Test
  void evenAndReusedStreamIdsAreRejected() throws IOException {
    send(2, "Echo", new byte[0]);
    assertEquals(3, Response.decode(receive().data()).status().code());
    send(7, "Echo", new byte[0]);
    assertTrue(Response.decode(receive().data()).isOk());
    send(5, "Echo", new byte[0]);
    Frame f = receive();
    assertEquals(5, f.streamId());
    assertEquals(3, Response.decode(f.data()).status().code());
  }

  @Test
  void oversizedMessageIsSkippedAndRefusedAndTheConnectionLives() throws IOException {
    int length = Frame.MAX_DATA + 1;
    ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_SIZE).putInt(length).putInt(1).put(Frame.TYPE_REQUEST)
        .put((byte) 0);
    SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX);
    raw.connect(UnixDomainSocketAddress.of(server.socket));
    FrameChannel conn = new FrameChannel(raw);
    raw.write(header.flip());
    ByteBuffer junk = ByteBuffer.allocate(length);
    while (junk.hasRemaining()) {
      raw.write(junk);
    }
    Frame refused = ((FrameChannel.Received) conn.read()).frame();
    assertEquals(1, refused.streamId());
    assertEquals(8, Response.decode(refused.data()).status().code());
    conn.write(new Frame(3, Frame.TYPE_REQUEST, (byte) 0,
        new Request("test.Svc", "Echo", "ok".getBytes(), 0, List.of()).encode()));
    assertArrayEquals("ok".getBytes(), Response.decode(((FrameChannel.Received) conn.read()).frame().data())
        .payload());
    conn.close();
  }

  @Test
  void unknownMessageTypesAreIgnored() throws IOException {
    client.write(new Frame(1, (byte) 9, (byte) 0, "whatever".getBytes()));
    client.write(new Frame(1, Frame.TYPE_DATA, (byte) 4, new byte[0]));
    send(3, "Echo", "after".getBytes());
    assertArrayEquals("after".getBytes(), Response.decode(receive().data()).payload());
  }

  @Test
  void namespaceComesFromMetadata() throws IOException {
    client.write(new Frame(1, Frame.TYPE_REQUEST, (byte) 0, new Request("test.Svc", "Namespace", new byte[0], 0,
        List.of(java.util.Map.entry("containerd-namespace-ttrpc", "k8s.io"))).encode()));
    assertArrayEquals("k8s.io".getBytes(), Response.decode(receive().data()).payload());
  }

  @Test
  void clientRoundTrip() throws IOException {
    try (TtrpcClient c = TtrpcClient.connect(server.socket)) {
      assertArrayEquals("x".getBytes(), c.callOk("test.Svc", "Echo", "x".getBytes()));
      assertArrayEquals("y".getBytes(), c.callOk("test.Svc", "Echo", "y".getBytes()));
      RpcException e = org.junit.jupiter.api.Assertions.assertThrows(RpcException.class,
          () -> c.callOk("test.Svc", "Fail", new byte[0]));
      assertEquals(Code.NOT_FOUND, e.code());
    }
  }

  @Test
  void aConnectionTheAdmissionRefusesIsClosedUnanswered() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ttrpc-admit");
    java.nio.file.Path path = dir.resolve("s.sock");
    java.util.concurrent.atomic.AtomicBoolean admit = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();
    java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open(
        StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(path));
    TtrpcServer s = new TtrpcServer(listener, new Services(e -> {}).register("test.Svc", "Echo", (ctx, p) -> p),
        executor, msg -> {}).admitting(admit::get).start();
    try {
      try (FrameChannel admitted = connect(path)) {
        admitted.write(new Frame(1, Frame.TYPE_REQUEST, (byte) 0,
            new Request("test.Svc", "Echo", "x".getBytes(), 0, List.of()).encode()));
        assertTrue(Response.decode(((FrameChannel.Received) admitted.read()).frame().data()).isOk());
      }
      admit.set(false); // the daemon decided to exit
      try (FrameChannel refused = connect(path)) {
        refused.write(new Frame(1, Frame.TYPE_REQUEST, (byte) 0,
            new Request("test.Svc", "Echo", "x".getBytes(), 0, List.of()).encode()));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, refused::read,
            "the client sees the connection end, not a hang");
      } catch (IOException e) {
        // the write itself may already fail on the closed connection: as good
      }
    } finally {
      s.close();
      executor.shutdownNow();
      java.nio.file.Files.deleteIfExists(path);
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  private static FrameChannel connect(java.nio.file.Path path) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(path));
    return new FrameChannel(ch);
  }
}
