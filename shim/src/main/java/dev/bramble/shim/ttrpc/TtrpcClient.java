package dev.bramble.shim.ttrpc;

import dev.bramble.shim.ttrpc.TtrpcMessages.Request;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A minimal unary ttrpc client: one call in flight at a time (the event publisher sends events in order, one by
 * one). Also what the tests use to talk to the shim.
 */
public final class TtrpcClient implements AutoCloseable {
  private final FrameChannel channel;
  private int nextStreamId = 1;

  private TtrpcClient(FrameChannel channel) {
    this.channel = channel;
  }

  public static TtrpcClient connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new TtrpcClient(new FrameChannel(ch));
  }

  /** Sends one request and waits for its response. */
  public synchronized Response call(String service, String method, byte[] payload, long timeoutNanos,
      List<Map.Entry<String, String>> metadata) throws IOException {
    int sid = nextStreamId;
    nextStreamId += 2;
    channel.write(new Frame(sid, Frame.TYPE_REQUEST, (byte) 0,
        new Request(service, method, payload, timeoutNanos, metadata).encode()));
    while (true) {
      FrameChannel.Incoming in = channel.read();
      if (in instanceof FrameChannel.Received r && r.frame().type() == Frame.TYPE_RESPONSE
          && r.frame().streamId() == sid) {
        return Response.decode(r.frame().data());
      }
    }
  }

  /** As {@link #call}, turning an error status into an {@link RpcException}. */
  public byte[] callOk(String service, String method, byte[] payload) throws IOException {
    Response r = call(service, method, payload, 0, List.of());
    if (!r.isOk()) {
      throw new RpcException(Code.of(r.status().code()), r.status().message());
    }
    return r.payload();
  }

  @Override
  public void close() {
    channel.close();
  }
}
