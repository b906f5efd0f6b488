package dev.bramble.shim.ttrpc;

import java.nio.ByteBuffer;

/**
 * One ttrpc frame: a 10-byte header — data length (uint32 BE), stream id (uint32 BE), message type, flags — then
 * the data (containerd/ttrpc channel.go).
 */
public record Frame(int streamId, byte type, byte flags, byte[] data) {
  public static final int HEADER_SIZE = 10;
  /** ttrpc's messageLengthMax: larger messages are refused with RESOURCE_EXHAUSTED. */
  public static final int MAX_DATA = 4 << 20;
  public static final byte TYPE_REQUEST = 1, TYPE_RESPONSE = 2, TYPE_DATA = 3;

  /** Header and data as one buffer, so the frame goes out in a single write. */
  public byte[] encode() {
    if (data.length > MAX_DATA) {
      throw new IllegalArgumentException("ttrpc message of " + data.length + " bytes exceeds the " + MAX_DATA
          + "-byte limit");
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + data.length);
    b.putInt(data.length).putInt(streamId).put(type).put(flags).put(data);
    return b.array();
  }

  /** The decoded header of a frame whose data has not been read yet. */
  public record Header(int length, int streamId, byte type, byte flags) {
    public static Header decode(byte[] header) {
      ByteBuffer b = ByteBuffer.wrap(header, 0, HEADER_SIZE);
      return new Header(b.getInt(), b.getInt(), b.get(), b.get());
    }

    /** Unsigned: a first byte above 0x7f is a huge length, never a negative one. */
    public long unsignedLength() {
      return Integer.toUnsignedLong(length);
    }
  }
}
