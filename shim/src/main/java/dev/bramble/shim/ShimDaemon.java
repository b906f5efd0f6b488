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
 */
final class ShimDaemon {
  private static final long EVENT_DRAIN_MS = 3000;

  private ShimDaemon() {}

  static int run(ShimFlags flags) {
    Logger log = openLog(flags.flag("debug"));
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
    TaskService tasks = new TaskService(kernel, log, events, shutdown::countDown, ShimMain.version());
    Services services = tasks.register(new Services(e -> {
      log.error("shim: unexpected failure: " + e);
      log.debugStackTrace(e);
    }));
    ExecutorService requests = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "ttrpc-request");
      t.setDaemon(true);
      return t;
    });
    TtrpcServer server = new TtrpcServer(listener, services, requests, log::debug).start();
    GrpcTaskServer grpc = null;
    if (flags.get("bramble-protocol").orElse("ttrpc").equals("grpc")) {
      grpc = GrpcTaskServer.start(new ShimSocket(socket).grpcPath(), services, TaskService.V3, TaskService.V2);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGTERM: the containers die with us (EXITKILL)
      removeQuietly(socket);
      removeQuietly(new ShimSocket(socket).grpcPath());
    }, "remove-socket"));
    new ChildReaper(kernel, tasks::tracedPids, log).start();
    log.info("shim " + flags.get("id").orElse("?") + " serving on " + socket + " (pid " + kernel.getpid() + ")");

    awaitQuietly(shutdown);
    removeQuietly(socket); // first: a new container of the group must not join a shim that is leaving
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
