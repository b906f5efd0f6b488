package dev.bramble.shim.proto;

/**
 * {@code google.protobuf.Any} {type_url = 1, value = 2}. Built by hand because containerd 1.6 resolves only bare
 * type names ("containerd.events.TaskExit"), while protobuf-java's {@code Any.pack} adds "type.googleapis.com/".
 */
public record AnyMessage(String typeUrl, byte[] value) {
  public static AnyMessage decode(byte[] bytes) {
    ProtoFields f = ProtoFields.parse(bytes);
    return new AnyMessage(f.string(1), f.bytes(2));
  }

  public byte[] encode() {
    return new ProtoWriter().string(1, typeUrl).bytes(2, value).toByteArray();
  }

  /** The type name without any "host/" prefix, as both containerd generations compare it. */
  public String typeName() {
    int slash = typeUrl.lastIndexOf('/');
    return slash < 0 ? typeUrl : typeUrl.substring(slash + 1);
  }
}
