package dev.bramble.shim.ttrpc;

import dev.bramble.shim.proto.ProtoFields;
import dev.bramble.shim.proto.ProtoWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ttrpc envelope messages (package ttrpc, request.proto) and google.rpc.Status. */
public final class TtrpcMessages {
  private TtrpcMessages() {}

  /** {service = 1, method = 2, payload = 3, timeout_nano = 4, metadata = 5 repeated KeyValue}. */
  public record Request(String service, String method, byte[] payload, long timeoutNano,
      List<Map.Entry<String, String>> metadata) {
    public static Request decode(byte[] bytes) {
      ProtoFields f = ProtoFields.parse(bytes);
      List<Map.Entry<String, String>> md = new ArrayList<>();
      for (ProtoFields kv : f.messages(5, ProtoFields::parse)) {
        md.add(Map.entry(kv.string(1).toLowerCase(java.util.Locale.ROOT), kv.string(2)));
      }
      return new Request(f.string(1), f.string(2), f.bytes(3), f.varint(4), md);
    }

    public byte[] encode() {
      ProtoWriter w = new ProtoWriter().string(1, service).string(2, method).bytes(3, payload)
          .varint(4, timeoutNano);
      for (Map.Entry<String, String> e : metadata) {
        w.message(5, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()).toByteArray());
      }
      return w.toByteArray();
    }

    /** The first value of a metadata key, or null. */
    public String metadata(String key) {
      return metadata.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst()
          .orElse(null);
    }
  }

  /** google.rpc.Status {code = 1, message = 2}; details are not used by containerd's shim API. */
  public record Status(int code, String message) {
    public static Status decode(byte[] bytes) {
      ProtoFields f = ProtoFields.parse(bytes);
      return new Status(f.uint32(1), f.string(2));
    }

    public byte[] encode() {
      return new ProtoWriter().int32(1, code).string(2, message).toByteArray();
    }
  }

  /** {status = 1, payload = 2}: success has no status at all (as Go's server sends it), failure no payload. */
  public record Response(Status status, byte[] payload) {
    public static Response ok(byte[] payload) {
      return new Response(null, payload);
    }

    public static Response error(Code code, String message) {
      return new Response(new Status(code.value(), message), new byte[0]);
    }

    public static Response decode(byte[] bytes) {
      ProtoFields f = ProtoFields.parse(bytes);
      return new Response(f.message(1, Status::decode), f.bytes(2));
    }

    public byte[] encode() {
      return new ProtoWriter().message(1, status == null ? null : status.encode()).bytes(2, payload)
          .toByteArray();
    }

    public boolean isOk() {
      return status == null || status.code() == 0;
    }
  }
}
