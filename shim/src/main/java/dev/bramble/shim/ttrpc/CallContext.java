package dev.bramble.shim.ttrpc;

/**
 * What a handler may want from the envelope: containerd's namespace (ttrpc metadata
 * {@code containerd-namespace-ttrpc}, gRPC {@code containerd-namespace}) and the caller's deadline (0 = none).
 */
public record CallContext(String namespace, long timeoutNanos) {
  public static final CallContext NONE = new CallContext(null, 0);
}
