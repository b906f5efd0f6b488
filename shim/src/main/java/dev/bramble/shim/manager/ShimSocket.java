package dev.bramble.shim.manager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The socket of a shim group, named as containerd's own shims name theirs: {@code unix:///run/containerd/s/} +
 * hex(sha256(filepath.Join(containerdAddress, namespace, groupId))). A live socket under that name is how the next
 * container of the same group finds the running shim.
 */
public record ShimSocket(Path path) {
  /** containerd's defaults.DefaultStateDir + "/s": compiled in up to 2.2 (2.3 may pass socket_dir). */
  public static final Path DEFAULT_DIR = Path.of("/run/containerd/s");

  public static ShimSocket of(Path dir, String containerdAddress, String namespace, String groupId) {
    return new ShimSocket(dir.resolve(hash(containerdAddress, namespace, groupId)));
  }

  /** The hex digest containerd computes; the joined path is cleaned the way Go's filepath.Join does. */
  public static String hash(String containerdAddress, String namespace, String groupId) {
    String joined = goJoin(containerdAddress, namespace, groupId);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(joined.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** filepath.Join: non-empty elements joined by '/', then Clean (duplicate slashes, ".", ".." resolved). */
  static String goJoin(String... elements) {
    StringBuilder joined = new StringBuilder();
    for (String e : elements) {
      if (!e.isEmpty()) {
        if (joined.length() > 0) {
          joined.append('/');
        }
        joined.append(e);
      }
    }
    return goClean(joined.toString());
  }

  static String goClean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String body = String.join("/", parts);
    if (rooted) {
      return "/" + body;
    }
    return body.isEmpty() ? "." : body;
  }

  /** The address containerd dials: {@code unix://} + the path (never abstract: Java cannot bind those). */
  public String address() {
    return "unix://" + path;
  }

  /** Where the gRPC endpoint listens next to it (gRPC addresses are bare paths). */
  public Path grpcPath() {
    return Path.of(path + ".grpc");
  }

  /** A namespace daemon's {@link ReadyFile}: present while {@code start} may join it without a JVM. */
  public Path readyPath() {
    return Path.of(path + ".ready");
  }

  /** A namespace daemon's log (it outlives every bundle, so it cannot log into one's FIFO). */
  public Path logPath() {
    return Path.of(path + ".log");
  }
}
