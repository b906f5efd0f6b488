package dev.bramble.shim.ttrpc;

import dev.bramble.shim.proto.ProtoException;
import dev.bramble.shim.ttrpc.TtrpcMessages.Request;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A ttrpc server on a listening unix socket. Each connection has one reader thread; every request runs on the
 * executor, so requests on one connection are served concurrently (containerd pipelines {@code Wait}, which blocks
 * for a container's whole life, with {@code Kill} and {@code State} on the same connection). Connections are never
 * timed out. A malformed frame or message fails that request or closes that connection — never the server.
 */
public final class TtrpcServer implements AutoCloseable {
  private final ServerSocketChannel listener;
  private final Services services;
  private final ExecutorService executor;
  private final Consumer<String> log;
  private final Set<FrameChannel> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Thread acceptor;
  private BooleanSupplier admit = () -> true;

  /** @param log told (debug level) of protocol errors on connections */
  public TtrpcServer(ServerSocketChannel listener, Services services, ExecutorService executor,
      Consumer<String> log) {
    this.listener = listener;
    this.services = services;
    this.executor = executor;
    this.log = log;
  }

  /** Asked at every accepted connection; false closes it at once (the daemon has decided to exit). */
  public TtrpcServer admitting(BooleanSupplier admission) {
    this.admit = admission;
    return this;
  }

  public TtrpcServer start() {
    acceptor = new Thread(this::acceptLoop, "ttrpc-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  public int connectionCount() {
    return connections.size();
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel socket;
      try {
        socket = listener.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.accept("ttrpc accept: " + e.getMessage());
        continue;
      }
      if (!admit.getAsBoolean()) {
        closeQuietly(socket);
        continue;
      }
      FrameChannel connection = new FrameChannel(socket);
      connections.add(connection);
      Thread reader = new Thread(() -> serve(connection), "ttrpc-conn");
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void serve(FrameChannel connection) {
    long lastStreamId = 0;
    try {
      while (!closed) {
        FrameChannel.Incoming in = connection.read();
        if (in instanceof FrameChannel.Oversized o) {
          if (o.header().type() == Frame.TYPE_REQUEST) {
            respond(connection, o.header().streamId(), Response.error(Code.RESOURCE_EXHAUSTED,
                "message length " + o.header().unsignedLength() + " exceeds maximum message size of "
                    + Frame.MAX_DATA));
          }
          continue;
        }
        Frame frame = ((FrameChannel.Received) in).frame();
        if (frame.type() != Frame.TYPE_REQUEST) {
          continue; // responses and streaming data are not for a unary server; unknown types are ignored
        }
        long sid = Integer.toUnsignedLong(frame.streamId());
        if (sid % 2 != 1) {
          respond(connection, frame.streamId(), Response.error(Code.INVALID_ARGUMENT,
              "StreamID must be odd for client initiated streams"));
          continue;
        }
        if (sid <= lastStreamId) {
          respond(connection, frame.streamId(), Response.error(Code.INVALID_ARGUMENT,
              "StreamID cannot be re-used and must increment"));
          continue;
        }
        lastStreamId = sid;
        dispatch(connection, frame);
      }
    } catch (EOFException | ClosedChannelException e) {
      // the client went away
    } catch (IOException e) {
      log.accept("ttrpc connection: " + e.getMessage());
    } finally {
      connections.remove(connection);
      connection.close();
    }
  }

  private void dispatch(FrameChannel connection, Frame frame) {
    Request request;
    try {
      request = Request.decode(frame.data());
    } catch (ProtoException e) {
      respond(connection, frame.streamId(), Response.error(Code.INVALID_ARGUMENT,
          "cannot decode the ttrpc request: " + e.getMessage()));
      return;
    }
    try {
      executor.execute(() -> respond(connection, frame.streamId(), services.dispatch(request)));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      respond(connection, frame.streamId(), Response.error(Code.UNAVAILABLE, "the shim is shutting down"));
    }
  }

  private void respond(FrameChannel connection, int streamId, Response response) {
    byte[] data = response.encode();
    if (data.length > Frame.MAX_DATA) {
      data = Response.error(Code.RESOURCE_EXHAUSTED, "response of " + data.length + " bytes exceeds the "
          + Frame.MAX_DATA + "-byte ttrpc limit").encode();
    }
    try {
      connection.write(new Frame(streamId, Frame.TYPE_RESPONSE, (byte) 0, data));
    } catch (IOException e) {
      log.accept("ttrpc reply on stream " + Integer.toUnsignedString(streamId) + " lost: " + e.getMessage());
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the client sees the connection end either way
    }
  }

  /** Stops accepting and drops every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    connections.forEach(FrameChannel::close);
  }
}
