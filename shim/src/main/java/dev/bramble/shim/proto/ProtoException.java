package dev.bramble.shim.proto;

/** Input that is not the protobuf message it was supposed to be. */
public final class ProtoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtoException(String message) {
    super(message);
  }
}
