package dev.bramble.shim.api;

import dev.bramble.shim.proto.ProtoFields;
import dev.bramble.shim.proto.ProtoWriter;
import java.util.List;

/** {@code containerd.types.Mount} {type = 1, source = 2, target = 3, options = 4 repeated}. */
public record Mount(String type, String source, String target, List<String> options) {
  public static Mount decode(byte[] bytes) {
    ProtoFields f = ProtoFields.parse(bytes);
    return new Mount(f.string(1), f.string(2), f.string(3), f.strings(4));
  }

  public byte[] encode() {
    return new ProtoWriter().string(1, type).string(2, source).string(3, target).strings(4, options)
        .toByteArray();
  }
}
