package dev.bramble.shim.ttrpc;

import dev.bramble.shim.proto.ProtoException;
import dev.bramble.shim.ttrpc.TtrpcMessages.Request;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The methods a server answers, by fully qualified service name and bare method name, and the translation of a
 * handler's outcome into a ttrpc Response. Shared by the ttrpc server and the gRPC endpoint.
 */
public final class Services {
  private final Map<String, Map<String, Handler>> services = new ConcurrentHashMap<>();
  private final Consumer<Throwable> unexpected;

  /** @param unexpected told of every failure that is not an {@link RpcException} (a bug: log it) */
  public Services(Consumer<Throwable> unexpected) {
    this.unexpected = unexpected;
  }

  public Services register(String service, String method, Handler handler) {
    services.computeIfAbsent(service, k -> new ConcurrentHashMap<>()).put(method, handler);
    return this;
  }

  /** The handler of one method, or null. */
  public Handler handler(String service, String method) {
    return services.getOrDefault(service, Map.of()).get(method);
  }

  public Set<String> methods(String service) {
    return services.getOrDefault(service, Map.of()).keySet();
  }

  public Response dispatch(Request request) {
    Map<String, Handler> methods = services.get(request.service());
    if (methods == null) {
      return Response.error(Code.UNIMPLEMENTED, "service " + request.service());
    }
    Handler handler = methods.get(request.method());
    if (handler == null) {
      return Response.error(Code.UNIMPLEMENTED, "method " + request.method());
    }
    String ns = request.metadata("containerd-namespace-ttrpc");
    return call(handler, new CallContext(ns, request.timeoutNano()), request.payload());
  }

  /** Runs one handler and turns its outcome into a response; never throws. */
  public Response call(Handler handler, CallContext context, byte[] payload) {
    try {
      return Response.ok(handler.handle(context, payload));
    } catch (RpcException e) {
      return Response.error(e.code(), e.getMessage());
    } catch (ProtoException e) {
      return Response.error(Code.INVALID_ARGUMENT, "cannot decode the request: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      unexpected.accept(e);
      return Response.error(Code.UNKNOWN, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
