package dev.bramble.shim.manager;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SpawnRequest;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.shim.api.StartOptions;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code containerd-shim-bramble-v1 start}: finds or starts the shim daemon of the container's group and returns
 * its address, which {@link dev.bramble.shim.ShimMain} prints — the only output allowed (containerd reads stdout and
 * stderr together as the address).
 *
 * <p>As the runc shim: the socket is bound here and handed to the daemon (as its stdin, where the JDK's
 * {@code System.inheritedChannel()} picks it up), so it already listens when containerd dials the printed address
 * once. EADDRINUSE with a live listener means the group's shim runs: reuse it. A dead socket is stale: replace it.
 *
 * <p>With {@code group = "namespace"} the group is {@link #NAMESPACE_GROUP}, so every container of a containerd
 * namespace joins one daemon; that daemon is not tied to the bundle that started it (cwd: the socket directory,
 * stderr: {@code <socket>.log}) and learns what its ready file must say (see {@link ReadyFile}).
 */
public final class StartCommand {
  public static final String GROUP_ANNOTATION = "io.kubernetes.cri.sandbox-id";
  /** The group of namespace mode: ':' is not allowed in a containerd id, so no container can be its own group. */
  public static final String NAMESPACE_GROUP = "bramble:namespace";
  private static final int BACKLOG = 64;
  private static final long GRPC_READY_MS = 20_000;

  private final LinuxKernel kernel;
  private final ShimFlags flags;
  private final Path bundle;
  private final String launcher;

  /** @param launcher this shim's launcher script, re-run as the daemon */
  public StartCommand(LinuxKernel kernel, ShimFlags flags, Path bundle, String launcher) {
    this.kernel = kernel;
    this.flags = flags;
    this.bundle = bundle;
    this.launcher = launcher;
  }

  /** @return what to print: the address, or for gRPC the JSON form containerd 1.7+ reads */
  public String run(byte[] stdin) {
    String id = flags.require("id");
    String namespace = flags.require("namespace");
    StartOptions options = StartOptions.parse(stdin, id);
    ShimConfig config = ShimConfig.read(options.configPath());
    String group = config.namespaceMode() ? NAMESPACE_GROUP : groupId(id);
    if (!config.namespaceMode() && group.equals(NAMESPACE_GROUP)) {
      throw new IllegalArgumentException("the " + GROUP_ANNOTATION + " annotation \"" + NAMESPACE_GROUP + "\" is "
          + "reserved for the namespace shim (group = \"namespace\"); give the sandbox another id");
    }
    ShimSocket socket = ShimSocket.of(ShimSocket.DEFAULT_DIR, flags.require("address"), namespace, group);
    int listener = bind(socket);
    if (listener < 0) {
      writeAddress(socket.address()); // the group's shim is alive: this container joins it
      return socket.address();
    }
    int daemon;
    try {
      daemon = spawnDaemon(listener, config, options, stdin, socket);
    } catch (RuntimeException e) {
      removeQuietly(socket.path());
      throw e;
    } finally {
      kernel.close(listener);
    }
    adjustOomScore(daemon);
    writeAddress(socket.address());
    if (config.protocol().equals("grpc")) {
      awaitListening(socket.grpcPath(), daemon);
    }
    return printed(config.protocol(), socket);
  }

  /** What {@code start} prints for a new daemon: the address, or for gRPC the JSON form containerd 1.7+ reads. */
  public static String printed(String protocol, ShimSocket socket) {
    if (protocol.equals("grpc")) {
      return "{\"version\":3,\"address\":\"" + socket.grpcPath() + "\",\"protocol\":\"grpc\"}";
    }
    return socket.address();
  }

  /**
   * The group: the CRI sandbox id annotation (every container of a pod shares one shim), else the container id.
   * Read with Jackson's streaming parser: databind would cost {@code start} — run for every pod — 0.2 s more.
   */
  public String groupId(String id) {
    Path config = bundle.resolve("config.json");
    try (JsonParser p = new JsonFactory().createParser(config.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(config + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("annotations") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING && key.equals(GROUP_ANNOTATION) && !p.getText().isEmpty()) {
              return p.getText();
            }
            p.skipChildren();
          }
          return id;
        }
        p.skipChildren();
      }
      return id;
    } catch (IOException e) {
      throw new IllegalArgumentException("read " + config + ": " + e.getMessage());
    }
  }

  /** A listening socket, or -1 when a live shim already listens there. */
  private int bind(ShimSocket socket) {
    try {
      Files.createDirectories(socket.path().getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new IllegalArgumentException("create " + socket.path().getParent() + ": " + e.getMessage());
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        int fd = kernel.listenUnix(socket.path().toString(), BACKLOG);
        Files.setPosixFilePermissions(socket.path(), PosixFilePermissions.fromString("rw-------"));
        return fd;
      } catch (SyscallException e) {
        if (e.errno() != Errno.EADDRINUSE) {
          throw e;
        }
        if (canConnect(socket.path())) {
          return -1;
        }
        removeQuietly(socket.path()); // stale: its shim is gone
      } catch (IOException e) {
        throw new IllegalArgumentException("chmod " + socket.path() + ": " + e.getMessage());
      }
    }
    throw new IllegalStateException("bind " + socket.path() + ": still in use after removing a stale socket; "
        + "another shim of the same group is starting, retry");
  }

  private int spawnDaemon(int listener, ShimConfig config, StartOptions options, byte[] stdin, ShimSocket socket) {
    int devNull = kernel.open("/dev/null", OpenFlags.O_RDWR, 0);
    int log = config.namespaceMode() ? openNamespaceLog(socket, devNull) : openLog(devNull);
    try {
      List<String> argv = new ArrayList<>();
      argv.add(launcher);
      argv.addAll(flags.daemonArgs(config.protocol()));
      if (config.namespaceMode()) {
        argv.addAll(namespaceArgs(config, options, stdin));
      }
      List<String> env = new ArrayList<>();
      Map<String, String> inherited = new java.util.TreeMap<>(System.getenv());
      options.ttrpcAddress().ifPresent(a -> inherited.put("TTRPC_ADDRESS", a));
      inherited.forEach((k, v) -> env.add(k + "=" + v));
      // a namespace daemon outlives the bundle that started it: its cwd is the socket directory (where a JVM crash
      // file lands), not a bundle containerd will remove
      String cwd = config.namespaceMode() ? socket.path().getParent().toString() : bundle.toString();
      return kernel.spawn(new SpawnRequest(launcher, argv, env, Map.of(0, listener, 1, devNull, 2, log), true,
          cwd));
    } finally {
      kernel.close(devNull);
      if (log != devNull) {
        kernel.close(log);
      }
    }
  }

  /** The bundle's log FIFO for the daemon's stderr (JVM crash notes land in containerd's log), else /dev/null. */
  private int openLog(int devNull) {
    try {
      int fd = kernel.open(bundle.resolve("log").toString(), OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK, 0);
      kernel.setNonBlocking(fd, false);
      return fd;
    } catch (SyscallException e) {
      return devNull; // no FIFO, or nobody reading it (ENXIO)
    }
  }

  /**
   * A namespace daemon's flags: its idle time, and the inputs its ready file must match for the launcher to answer a
   * later start without a JVM (the options' digest and the config file's, see {@link ReadyFile}). Given as
   * {@code -name=value}, so that no value can be taken for a flag or the action word.
   */
  static List<String> namespaceArgs(ShimConfig config, StartOptions options, byte[] stdin) {
    List<String> out = new ArrayList<>(List.of("-bramble-group=" + config.group().configName(),
        "-bramble-idle-exit=" + config.idleExitSeconds(), "-bramble-options-sha256=" + ReadyFile.sha256(stdin)));
    options.configPath().ifPresent(p -> {
      out.add("-bramble-config=" + p);
      out.add("-bramble-config-sha256=" + config.fileSha256());
    });
    return out;
  }

  /** {@code <socket>.log} (append, 0600) for a namespace daemon's stderr, else /dev/null. */
  private int openNamespaceLog(ShimSocket socket, int devNull) {
    try {
      return kernel.open(socket.logPath().toString(), OpenFlags.O_WRONLY | OpenFlags.O_APPEND | OpenFlags.O_CREAT,
          0600);
    } catch (SyscallException e) {
      return devNull;
    }
  }

  /** As the runc shim: one more than containerd's, so the OOM killer prefers the shim to containerd. */
  private static void adjustOomScore(int pid) {
    try {
      int own = Integer.parseInt(Files.readString(Path.of("/proc/self/oom_score_adj")).trim());
      Files.writeString(Path.of("/proc", Integer.toString(pid), "oom_score_adj"),
          Integer.toString(Math.min(1000, own + 1)));
    } catch (IOException | NumberFormatException e) {
      // best effort, as in the runc shim
    }
  }

  private void writeAddress(String address) {
    Path tmp = bundle.resolve(".address");
    try {
      Files.writeString(tmp, address);
      Files.move(tmp, bundle.resolve("address"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalArgumentException("write " + bundle.resolve("address") + ": " + e.getMessage());
    }
  }

  private void awaitListening(Path path, int daemon) {
    long deadline = System.currentTimeMillis() + GRPC_READY_MS;
    while (!canConnect(path)) {
      if (System.currentTimeMillis() > deadline || !Files.exists(Path.of("/proc", Integer.toString(daemon)))) {
        throw new IllegalStateException("the shim daemon (pid " + daemon + ") did not open its gRPC socket " + path
            + "; see containerd's log for the shim's error");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static boolean canConnect(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void removeQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing better to do
    }
  }

  static Optional<String> readAddress(Path bundle) {
    try {
      return Optional.of(Files.readString(bundle.resolve("address")).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
