package dev.bramble.shim.ttrpc;

/** The gRPC status codes containerd interprets (errdefs FromGRPC); ttrpc reuses them. */
public enum Code {
  OK(0), CANCELLED(1), UNKNOWN(2), INVALID_ARGUMENT(3), DEADLINE_EXCEEDED(4), NOT_FOUND(5), ALREADY_EXISTS(6),
  FAILED_PRECONDITION(9), RESOURCE_EXHAUSTED(8), UNIMPLEMENTED(12), UNAVAILABLE(14);

  private final int value;

  Code(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Code of(int value) {
    for (Code c : values()) {
      if (c.value == value) {
        return c;
      }
    }
    return UNKNOWN;
  }
}
