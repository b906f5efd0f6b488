package dev.bramble.runtime.container;

import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The unix socket through which short-lived verbs ({@code start}, {@code kill}, {@code ps}) talk to the process
 * hosting a container's sentry. One request line, one response line: {@code ok [data]} or {@code error <message>}.
 */
public final class ControlSocket implements AutoCloseable {
  /** sockaddr_un holds 108 bytes including the NUL. */
  private static final int MAX_PATH = 107;

  private final ServerSocketChannel server;
  private final Path path;
  private final Thread acceptor;

  private ControlSocket(ServerSocketChannel server, Path path, Function<String, String> handler) {
    this.server = server;
    this.path = path;
    this.acceptor = new Thread(() -> acceptLoop(handler), "control-" + path.getFileName());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where the control socket of container {@code id} lives (a short fallback if the natural path is too long). */
  public static Path pathFor(StateStore store, String id) {
    Path natural = store.dir(id).resolve("sentry.sock");
    if (natural.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH) {
      return natural;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(natural.toString().getBytes(StandardCharsets.UTF_8));
      return Path.of("/run/bramble-sockets", HexFormat.of().formatHex(digest, 0, 12) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Binds the socket and serves requests on a background thread with {@code handler}. */
  public static ControlSocket serve(Path path, Function<String, String> handler) {
    try {
      Files.createDirectories(path.getParent());
      Files.deleteIfExists(path);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      return new ControlSocket(server, path, handler);
    } catch (IOException e) {
      throw new UncheckedIOException("bind control socket " + path, e);
    }
  }

  private void acceptLoop(Function<String, String> handler) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        String request = readLine(client);
        String response;
        try {
          response = handler.apply(request);
        } catch (RuntimeException e) {
          response = "error " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        client.write(ByteBuffer.wrap((response + "\n").getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
      }
    }
  }

  /** Sends one request and returns the data after "ok" (possibly empty); an "error" reply becomes an exception. */
  public static String request(Path path, String request) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
      String reply = readLine(channel);
      if (reply.equals("ok")) {
        return "";
      }
      if (reply.startsWith("ok ")) {
        return reply.substring(3);
      }
      throw new BrambleException(reply.startsWith("error ") ? reply.substring(6) : "sentry: " + reply);
    } catch (IOException e) {
      throw new BrambleException("cannot reach the sentry of this container at " + path + " (" + e.getMessage()
          + "): its sentry has exited", e);
    }
  }

  private static String readLine(SocketChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (true) {
      int n = channel.read(buffer);
      byte[] b = buffer.array();
      for (int i = 0; i < buffer.position(); i++) {
        if (b[i] == '\n') {
          return new String(b, 0, i, StandardCharsets.UTF_8);
        }
      }
      if (n < 0 || !buffer.hasRemaining()) {
        return new String(b, 0, buffer.position(), StandardCharsets.UTF_8);
      }
    }
  }

  static String oneLine(String s) {
    return s.replace('\n', ' ');
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: the directory goes away with the container
    }
  }
}
