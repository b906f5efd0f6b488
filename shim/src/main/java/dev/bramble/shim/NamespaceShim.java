package dev.bramble.shim;

import dev.bramble.runtime.container.ProcessTable;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.manager.ReadyFile;
import dev.bramble.shim.manager.ShimConfig;
import dev.bramble.shim.manager.ShimFlags;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.shim.manager.StartCommand;
import dev.bramble.shim.task.ShimLifetime;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What a daemon started with {@code group = "namespace"} does beyond a pod daemon: it serves every container of its
 * containerd namespace, publishes {@code <socket>.ready} for the launcher's JVM-less {@code start}, runs the
 * {@link IdleExit} timer, and logs to {@code <socket>.log} (rotated to {@code .log.1} at 1 MiB) — not into a
 * bundle's log FIFO, which would die with that bundle's container.
 *
 * <p>The socket path is unlinked only while it is still the inode this daemon listens on: after this daemon decided
 * to exit, a {@code start} may already have bound a new daemon's socket under the same name.
 */
final class NamespaceShim implements IdleExit.Actions {
  /** How long a daemon whose idle time is up still listens, its ready file withdrawn (see IdleExit). */
  static final long LINGER_MS = 2000;
  static final long LOG_CAP = 1 << 20;

  private final ShimSocket socket;
  private final Object socketKey;
  private volatile Object grpcKey;
  private final ReadyFile ready;
  private final Logger log;
  private final Runnable exit;
  private final IdleExit idle;
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "idle-exit");
    t.setDaemon(true);
    return t;
  });

  static boolean enabled(ShimFlags flags) {
    return flags.get("bramble-group").orElse("").equals(ShimConfig.Group.NAMESPACE.configName());
  }

  /** {@code <socket>.log}; stderr (which start opened on the same file) if it cannot be opened here. */
  static Logger openLog(boolean debug) {
    try {
      if (System.inheritedChannel() instanceof ServerSocketChannel listener
          && listener.getLocalAddress() instanceof UnixDomainSocketAddress address) {
        return Logger.toStderr(new RotatingLog(new ShimSocket(address.getPath()).logPath(), LOG_CAP), LogFormat.TEXT,
            debug, InstantSource.system());
      }
    } catch (IOException e) {
      // stderr below
    }
    return Logger.toStderr(System.err, LogFormat.TEXT, debug, InstantSource.system());
  }

  /** @param exit stops the daemon (it then closes its servers, drains its events and exits) */
  NamespaceShim(ShimFlags flags, Path socketPath, String protocol, int pid, Logger log, Runnable exit)
      throws IOException {
    this.socket = new ShimSocket(socketPath);
    this.socketKey = fileKey(socketPath);
    this.log = log;
    this.exit = exit;
    this.ready = new ReadyFile(pid, new ProcessTable(Path.of("/proc")).startTime(pid),
        flags.get("bramble-options-sha256").orElse(""), flags.get("bramble-config").orElse(""),
        flags.get("bramble-config-sha256").orElse(""), ReadyFile.envOf(System.getenv()),
        StartCommand.printed(protocol, socket));
    long idleSeconds = Long.parseLong(flags.get("bramble-idle-exit").orElse(
        Integer.toString(ShimConfig.DEFAULT_IDLE_EXIT)));
    this.idle = new IdleExit(TimeUnit.SECONDS.toMillis(idleSeconds), LINGER_MS, (task, millis) -> {
      ScheduledFuture<?> f = timers.schedule(task, millis, TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    }, this, log::info);
  }

  ShimLifetime lifetime() {
    return idle;
  }

  /** Serving: the ready file goes up and the idle time starts, until the first Create. */
  void start(IntSupplier hosted) {
    idle.started(hosted);
  }

  /** The ttrpc server's admission of a new connection: false drops it (the daemon is exiting). */
  boolean connectionAccepted() {
    return idle.connectionAccepted();
  }

  /** The gRPC endpoint is up: it is unlinked with the socket. */
  void grpcStarted() throws IOException {
    grpcKey = fileKey(socket.grpcPath());
  }

  /** SIGTERM: the containers die with us (EXITKILL); nothing may lead a start here any more. */
  void terminated() {
    withdrawReady();
    withdrawSocket();
  }

  @Override
  public void publishReady() {
    try {
      ready.publish(socket.readyPath());
    } catch (IOException | IllegalArgumentException e) {
      log.warning("publish " + socket.readyPath() + ": " + e.getMessage() + "; starts take the JVM path");
    }
  }

  @Override
  public void withdrawReady() {
    Path path = socket.readyPath();
    try {
      if (Files.exists(path) && ReadyFile.parse(Files.readString(path)).filter(r -> r.pid() == ready.pid()
          && r.startTime() == ready.startTime()).isPresent()) {
        ReadyFile.withdraw(path);
      }
    } catch (IOException e) {
      log.warning("withdraw " + path + ": " + e.getMessage());
    }
  }

  @Override
  public void withdrawSocket() {
    removeIfOurs(socket.path(), socketKey);
    removeIfOurs(socket.grpcPath(), grpcKey);
  }

  @Override
  public void exit() {
    timers.shutdown(); // runs on the timer thread itself: no interrupt
    exit.run();
  }

  private void removeIfOurs(Path path, Object key) {
    try {
      if (key != null && Objects.equals(fileKey(path), key)) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // gone already, or never ours
    }
  }

  /** The (device, inode) of a path, not following a link. */
  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
  }
}
