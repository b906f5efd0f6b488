package dev.bramble.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.task.EventSink;
import dev.bramble.shim.task.TaskService;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Seeded garbage at every layer — random bytes on the socket, random frame headers, random envelopes, random
 * payloads for every Task method — must never take the server down: afterwards a fresh connection still gets
 * answers, and no handler failed with anything but a status.
 */
class MalformedFrameFuzzTest {
  private static final long SEED = 0xB7A3B1EL;

  @Test
  void garbageNeverCrashesTheServer() throws IOException {
    AtomicInteger unexpected = new AtomicInteger();
    Services services = new Services(e -> unexpected.incrementAndGet());
    EventSink events = e -> {};
    new TaskService(dev.bramble.shim.task.FakeKernel.create(), dev.bramble.shim.task.TestLogs.discard(), events, () -> {},
        "test").register(services);
    services.register("test.Svc", "Echo", (ctx, p) -> p);
    Random random = new Random(SEED);
    try (TestServer server = new TestServer(services)) {
      for (int round = 0; round < 300; round++) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          ch.connect(UnixDomainSocketAddress.of(server.socket));
          ch.write(ByteBuffer.wrap(garbage(random, round)));
        } catch (IOException e) {
          // the server may close on us mid-write: that is allowed
        }
      }
      List<String> methods = List.copyOf(services.methods(TaskService.V2));
      try (TtrpcClient client = TtrpcClient.connect(server.socket)) {
        for (int i = 0; i < 2000; i++) {
          byte[] payload = new byte[random.nextInt(64)];
          random.nextBytes(payload);
          String method = methods.get(random.nextInt(methods.size()));
          if (method.equals("Shutdown") || method.equals("Wait")) {
            continue;
          }
          TtrpcMessages.Response r = client.call(TaskService.V2, method, payload, 0, List.of());
          // every answer is a status, never a dropped connection
          assertEquals(true, r.isOk() || r.status().code() > 0);
        }
      }
      try (TtrpcClient client = TtrpcClient.connect(server.socket)) {
        assertArrayEquals("alive".getBytes(), client.callOk("test.Svc", "Echo", "alive".getBytes()));
        TaskResponses.Connect c = TaskResponses.Connect.decode(client.callOk(TaskService.V2, "Connect",
            new dev.bramble.shim.api.TaskRequests.ContainerRef("x").encode()));
        assertEquals(0, c.taskPid());
      }
      assertEquals(0, unexpected.get(), "a handler failed with an unexpected exception on garbage input");
    }
  }

  /** Mixes pure noise, frames with random headers, and well-framed requests with random envelopes. */
  private static byte[] garbage(Random random, int round) {
    ByteBuffer b = ByteBuffer.allocate(4096);
    switch (round % 4) {
      case 0 -> {
        byte[] noise = new byte[random.nextInt(200)];
        random.nextBytes(noise);
        b.put(noise);
      }
      case 1 -> {
        int len = random.nextInt(100);
        b.putInt(len).putInt(random.nextInt()).put((byte) random.nextInt(5)).put((byte) random.nextInt(256));
        byte[] data = new byte[Math.min(len, random.nextInt(150))];
        random.nextBytes(data);
        b.put(data);
      }
      case 2 -> {
        byte[] envelope = new byte[random.nextInt(120)];
        random.nextBytes(envelope);
        b.putInt(envelope.length).putInt(1).put(Frame.TYPE_REQUEST).put((byte) 0).put(envelope);
      }
      default -> {
        byte[] payload = new byte[random.nextInt(80)];
        random.nextBytes(payload);
        byte[] data = new TtrpcMessages.Request(TaskService.V2, "Create", payload, 0, List.of()).encode();
        b.putInt(data.length).putInt(1).put(Frame.TYPE_REQUEST).put((byte) 0).put(data);
        b.putInt(0x7fffffff).putInt(3).put(Frame.TYPE_REQUEST).put((byte) 0); // then an oversized header, cut off
      }
    }
    b.flip();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
