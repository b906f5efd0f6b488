package dev.bramble.shim;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.grpc.GrpcTaskServer;
import dev.bramble.shim.manager.ShimFlags;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.shim.task.ChildReaper;
import dev.bramble.shim.task.EventPublisher;
import dev.bramble.shim.task.EventSink;
import dev.bramble.shim.task.ShimLifetime;
import dev.bramble.shim.task.TaskService;
import dev.bramble.shim.ttrpc.Services;
import dev.bramble.shim.ttrpc.TtrpcServer;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The long-lived shim process of one group: serves the Task API on the socket {@code start} bound and passed as
 * stdin, hosts every container of the group in-process (one sentry each), publishes events, reaps orphans, logs to
 * the bundle's {@code log} FIFO (containerd copies it into its own log), and exits on a Shutdown that finds no
 * container left. A containerd restart does not concern it: containerd reconnects and calls Connect.
 *
 * <p>In namespace mode ({@code -bramble-group=namespace}, see {@link NamespaceShim}) it serves a whole containerd
 * namespace, logs to {@code <socket>.log}, and exits only after its idle time with no container ({@link IdleExit}).
 */
final class ShimDaemon {
  private static final long EVENT_DRAIN_MS = 3000;

  private ShimDaemon() {}

  static int run(ShimFlags flags) {
    boolean debug = flags.flag("debug");
    Logger log = NamespaceShim.enabled(flags) ? NamespaceShim.openLog(debug) : openLog(debug);
    try {
      return serve(flags, log);
    } catch (RuntimeException | IOException | Error e) {
      log.error("shim daemon: " + e.getMessage());
      log.debugStackTrace(e);
      return 1;
    }
  }

  private static int serve(ShimFlags flags, Logger log) throws IOException {
    Channel inherited = System.inheritedChannel();
    if (!(inherited instanceof ServerSocketChannel listener)) {
      throw new IllegalStateException("no listening socket on stdin; the daemon is started by "
          + "'containerd-shim-bramble-v1 start', not by hand");
    }
    Path socket = ((UnixDomainSocketAddress) listener.getLocalAddress()).getPath();
    LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
    kernel.setChildSubreaper();
    String namespace = flags.require("namespace");
    String ttrpc = System.getenv("TTRPC_ADDRESS");
    EventSink events = ttrpc == null || ttrpc.isEmpty()
        ? event -> log.debug("no TTRPC_ADDRESS: event " + event.topic() + " not published")
        : new EventPublisher(ttrpc, namespace, log);
    CountDownLatch shutdown = new CountDownLatch(1);
    String protocol = flags.get("bramble-protocol").orElse("ttrpc");
    NamespaceShim namespaceShim = NamespaceShim.enabled(flags)
        ? new NamespaceShim(flags, socket, protocol, kernel.getpid(), log, shutdown::countDown) : null;
    ShimLifetime lifetime = namespaceShim != null ? namespaceShim.lifetime()
        : ShimLifetime.exitOnShutdown(shutdown::countDown);
    TaskService tasks = new TaskService(kernel, log, events, lifetime, ShimMain.version());
    Services services = tasks.register(new Services(e -> {
      log.error("shim: unexpected failure: " + e);
      log.debugStackTrace(e);
    }));
    ExecutorService requests = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "ttrpc-request");
      t.setDaemon(true);
      return t;
    });
    TtrpcServer server = new TtrpcServer(listener, services, requests, log::debug);
    if (namespaceShim != null) {
      server.admitting(namespaceShim::connectionAccepted);
    }
    server.start();
    GrpcTaskServer grpc = null;
    if (protocol.equals("grpc")) {
      grpc = GrpcTaskServer.start(new ShimSocket(socket).grpcPath(), services,
          namespaceShim == null ? () -> { } : namespaceShim::connectionAccepted, TaskService.V3, TaskService.V2);
      if (namespaceShim != null) {
        namespaceShim.grpcStarted();
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(namespaceShim != null ? namespaceShim::terminated : () -> {
      removeQuietly(socket); // SIGTERM: the containers die with us (EXITKILL)
      removeQuietly(new ShimSocket(socket).grpcPath());
    }, "remove-socket"));
    new ChildReaper(kernel, tasks::tracedPids, log).start();
    log.info("shim " + flags.get("id").orElse("?") + " serving on " + socket + " (pid " + kernel.getpid() + ")"
        + (namespaceShim != null ? " for namespace " + namespace + ", exiting after "
        + flags.get("bramble-idle-exit").orElse("?") + " s without a container" : ""));
    if (namespaceShim != null) {
      namespaceShim.start(tasks::containerCount);
    }

    awaitQuietly(shutdown);
    if (namespaceShim == null) {
      removeQuietly(socket); // first: a new container of the group must not join a shim that is leaving
    } // a namespace shim unlinked its socket when it decided to exit (if it still was its own)
    server.close();
    if (grpc != null) {
      grpc.close();
    }
    events.drain(EVENT_DRAIN_MS);
    log.info("shim " + flags.get("id").orElse("?") + " shut down");
    return 0;
  }

  /** The bundle's log FIFO (the daemon's cwd is the bundle), in logrus text form; stderr when there is none. */
  private static Logger openLog(boolean debug) {
    Path fifo = Path.of("log").toAbsolutePath();
    if (Files.exists(fifo) && !Files.isRegularFile(fifo)) {
      try {
        return Logger.toFile(fifo, LogFormat.TEXT, debug, InstantSource.system());
      } catch (IOException e) {
        // fall through
      }
    }
    return Logger.toStderr(System.err, LogFormat.TEXT, debug, InstantSource.system());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        Thread.sleep(50); // let the Shutdown reply leave before the connections close
        return;
      } catch (InterruptedException e) {
        // keep waiting: only Shutdown ends the daemon
      }
    }
  }

  private static void removeQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
