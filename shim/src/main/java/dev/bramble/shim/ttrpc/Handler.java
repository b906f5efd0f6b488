package dev.bramble.shim.ttrpc;

/** One unary method: request payload in, response payload out, or an {@link RpcException}. */
@FunctionalInterface
public interface Handler {
  byte[] handle(CallContext context, byte[] payload);
}
