package dev.bramble.shim.ttrpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A ttrpc server on a socket in a temp dir, for tests. */
final class TestServer implements AutoCloseable {
  final Path socket;
  final TtrpcServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Path dir;

  TestServer(Services services) throws IOException {
    dir = Files.createTempDirectory("ttrpc-test");
    socket = dir.resolve("s.sock");
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(socket));
    server = new TtrpcServer(listener, services, executor, msg -> {}).start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    executor.shutdownNow();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir);
  }
}
