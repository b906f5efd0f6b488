package dev.bramble.shim.ttrpc;

/**
 * A request that fails with a status containerd understands. The message is what {@code ctr} prints, so it says what
 * failed, why, and the fix.
 */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Code code;

  public RpcException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public RpcException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  public static RpcException notFound(String message) {
    return new RpcException(Code.NOT_FOUND, message);
  }

  public static RpcException unimplemented(String message) {
    return new RpcException(Code.UNIMPLEMENTED, message);
  }

  public static RpcException failedPrecondition(String message) {
    return new RpcException(Code.FAILED_PRECONDITION, message);
  }

  public static RpcException invalidArgument(String message) {
    return new RpcException(Code.INVALID_ARGUMENT, message);
  }
}
