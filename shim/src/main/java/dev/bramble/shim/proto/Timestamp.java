package dev.bramble.shim.proto;

import java.time.Instant;

/** {@code google.protobuf.Timestamp} {seconds = 1, nanos = 2}. */
public record Timestamp(long seconds, int nanos) {
  /** Go's zero time.Time, which containerd sends as "not exited yet". */
  public static final Timestamp GO_ZERO = new Timestamp(-62135596800L, 0);

  public static Timestamp of(Instant t) {
    return new Timestamp(t.getEpochSecond(), t.getNano());
  }

  public static Timestamp decode(byte[] bytes) {
    ProtoFields f = ProtoFields.parse(bytes);
    return new Timestamp(f.varint(1), f.uint32(2));
  }

  public byte[] encode() {
    return new ProtoWriter().varint(1, seconds).int32(2, nanos).toByteArray();
  }

  public Instant toInstant() {
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
