package dev.bramble.shim.grpc;

import dev.bramble.shim.ttrpc.CallContext;
import dev.bramble.shim.ttrpc.Handler;
import dev.bramble.shim.ttrpc.Services;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import io.grpc.Attributes;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Task API over gRPC (grpc-java on a unix socket), for containerd 1.7/2.x told {@code "protocol":"grpc"} by
 * {@code start}. The handlers are the ttrpc ones: methods are described by name with byte-array marshallers, and
 * the same hand-written codecs decode the payloads, so no generated stubs are needed.
 */
public final class GrpcTaskServer implements AutoCloseable {
  private final Server server;
  private final EventLoopGroup group;
  private final Path path;

  private GrpcTaskServer(Server server, EventLoopGroup group, Path path) {
    this.server = server;
    this.group = group;
    this.path = path;
  }

  /** Binds {@code path} (mode 0600) and serves {@code serviceNames}' methods registered in {@code services}. */
  public static GrpcTaskServer start(Path path, Services services, String... serviceNames) throws IOException {
    return start(path, services, () -> { }, serviceNames);
  }

  /** @param onConnection told of every new client connection (a namespace shim's idle timer restarts) */
  public static GrpcTaskServer start(Path path, Services services, Runnable onConnection, String... serviceNames)
      throws IOException {
    Files.deleteIfExists(path);
    EventLoopGroup group = new EpollEventLoopGroup(1);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()))
        .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
        .addTransportFilter(new ServerTransportFilter() {
          @Override
          public Attributes transportReady(Attributes attributes) {
            onConnection.run();
            return attributes;
          }
        });
    for (String name : serviceNames) {
      builder.addService(definition(name, services));
    }
    Server server = builder.build().start();
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return new GrpcTaskServer(server, group, path);
  }

  static ServerServiceDefinition definition(String serviceName, Services services) {
    ServerServiceDefinition.Builder def = ServerServiceDefinition.builder(serviceName);
    for (String method : services.methods(serviceName)) {
      Handler handler = services.handler(serviceName, method);
      MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(serviceName, method))
          .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
      def.addMethod(descriptor, ServerCalls.asyncUnaryCall((request, observer) -> {
        Response r = services.call(handler, CallContext.NONE, request);
        if (r.isOk()) {
          observer.onNext(r.payload());
          observer.onCompleted();
        } else {
          observer.onError(Status.fromCodeValue(r.status().code()).withDescription(r.status().message())
              .asRuntimeException());
        }
      }));
    }
    return def.build();
  }

  /** Payloads pass through as bytes; the shim's codecs decode them. */
  public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  @Override
  public void close() {
    server.shutdownNow();
    group.shutdownGracefully();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort
    }
  }
}
