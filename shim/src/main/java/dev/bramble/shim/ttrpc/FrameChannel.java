package dev.bramble.shim.ttrpc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Frames over one stream socket: a single reader reads frame after frame; any number of threads write whole frames
 * (serialized here, so two responses never interleave on the wire).
 */
public final class FrameChannel implements AutoCloseable {
  private static final int SKIP_CHUNK = 64 * 1024;
  private final ByteChannel channel;
  private final Object writeLock = new Object();

  public FrameChannel(ByteChannel channel) {
    this.channel = channel;
  }

  /** What the reader got: a frame, or a frame too large to accept (its data was skipped). */
  public sealed interface Incoming permits Received, Oversized {}

  public record Received(Frame frame) implements Incoming {}

  public record Oversized(Frame.Header header) implements Incoming {}

  /** @throws EOFException when the peer closed the connection (cleanly between frames or not) */
  public Incoming read() throws IOException {
    byte[] headerBytes = readFully(Frame.HEADER_SIZE);
    Frame.Header header = Frame.Header.decode(headerBytes);
    if (header.unsignedLength() > Frame.MAX_DATA) {
      skip(header.unsignedLength());
      return new Oversized(header);
    }
    byte[] data = readFully(header.length());
    return new Received(new Frame(header.streamId(), header.type(), header.flags(), data));
  }

  public void write(Frame frame) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(frame.encode());
    synchronized (writeLock) {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }
  }

  private byte[] readFully(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException("connection closed after " + b.position() + " of " + n + " bytes");
      }
    }
    return b.array();
  }

  private void skip(long n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(SKIP_CHUNK);
    long left = n;
    while (left > 0) {
      b.clear().limit((int) Math.min(SKIP_CHUNK, left));
      int r = channel.read(b);
      if (r < 0) {
        throw new EOFException("connection closed inside an oversized frame");
      }
      left -= r;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket cannot fail in a way we could act on
    }
  }
}
