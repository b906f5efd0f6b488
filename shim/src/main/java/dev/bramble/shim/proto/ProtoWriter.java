package dev.bramble.shim.proto;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds one protobuf message, proto3 style: fields holding their default value (0, false, "", empty) are left out,
 * exactly as Go's encoder does, so the bytes match containerd's byte for byte.
 */
public final class ProtoWriter {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
  private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

  public ProtoWriter varint(int field, long value) {
    if (value != 0) {
      io(() -> out.writeUInt64(field, value));
    }
    return this;
  }

  /** A proto3 uint32: encoded as the unsigned 32-bit value. */
  public ProtoWriter uint32(int field, int value) {
    return varint(field, Integer.toUnsignedLong(value));
  }

  /** A proto3 int32: negative values take ten bytes, sign-extended, as in every protobuf implementation. */
  public ProtoWriter int32(int field, int value) {
    return varint(field, value);
  }

  public ProtoWriter bool(int field, boolean value) {
    return varint(field, value ? 1 : 0);
  }

  public ProtoWriter string(int field, String value) {
    if (value != null && !value.isEmpty()) {
      bytesAlways(field, value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  public ProtoWriter bytes(int field, byte[] value) {
    if (value != null && value.length > 0) {
      bytesAlways(field, value);
    }
    return this;
  }

  /** An embedded message; written even when empty (presence matters for messages), omitted when null. */
  public ProtoWriter message(int field, byte[] encoded) {
    if (encoded != null) {
      bytesAlways(field, encoded);
    }
    return this;
  }

  public ProtoWriter strings(int field, List<String> values) {
    for (String v : values) {
      bytesAlways(field, v.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  public ProtoWriter messages(int field, List<byte[]> encoded) {
    for (byte[] e : encoded) {
      bytesAlways(field, e);
    }
    return this;
  }

  public ProtoWriter stringMap(int field, Map<String, String> map) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      bytesAlways(field, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()).toByteArray());
    }
    return this;
  }

  private void bytesAlways(int field, byte[] value) {
    io(() -> out.writeByteArray(field, value));
  }

  public byte[] toByteArray() {
    io(out::flush);
    return buffer.toByteArray();
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }
}
