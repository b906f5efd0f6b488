package dev.bramble.runtime.container;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.sentry.Sentry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The per-container sentry process that {@code bramble create} leaves behind: it adopts the stub create spawned,
 * builds the container, reports "ok PID" or "error MESSAGE" on fd 3, then traces the container until its last
 * process exits and records the exit status. Started detached (its own session, stdio on /dev/null).
 */
public final class SentryDaemon {
  /** The fd on which the daemon reports readiness to the create that spawned it. */
  public static final int READY_FD = 3;

  private SentryDaemon() {}

  public static void main(String[] args) {
    Map<String, String> opts = parse(args);
    LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
    Logger log = logger(opts);
    String id = opts.get("--id");
    int status;
    try {
      status = run(kernel, log, new StateStore(Path.of(opts.get("--root"))), id,
          Integer.parseInt(opts.get("--stub")), opts.get("--console-socket"), LaunchArguments.fromArguments(args),
          opts.containsKey("--strace"));
    } catch (RuntimeException | Error e) {
      log.error("sentry of " + id + ": " + e.getMessage());
      log.debugStackTrace(e);
      status = 1;
    }
    System.exit(status);
  }

  private static int run(LinuxKernel kernel, Logger log, StateStore store, String id, int stub,
      String consoleSocket, dev.bramble.runtime.config.ContainerConfig.LaunchOptions launch, boolean strace) {
    ContainerRecord record = store.require(id);
    ContainerConfig config;
    SentryHost host;
    try {
      config = new BundleLoader(new ConfigTranslator(Capability.hostLast()))
          .loadSnapshot(id, Path.of(record.bundle()), store.file(id, StateStore.CONFIG_FILE), launch);
      Sentry sentry = new Sentry(kernel, Arch.host(), HostLayout.measure(kernel), log, id);
      sentry.setStrace(strace);
      host = new SentryHost(store, config, sentry, log);
      ContainerWiring.wire(sentry, host,
          record.cgroup() == null ? null : dev.bramble.runtime.cgroup.ContainerCgroup.of(kernel, log, record.cgroup()),
          ContainerWiring.hooks(kernel, log, ContainerWiring.hooksOf(store.file(id, StateStore.CONFIG_FILE)), config),
          config);
      int pid = host.create(record, OptionalInt.of(stub));
      java.util.OptionalInt master = host.takeConsoleMaster();
      if (master.isPresent()) {
        ConsoleHandoff.send(kernel, Path.of(consoleSocket), master.getAsInt());
      }
      report(kernel, "ok " + pid);
    } catch (RuntimeException | Error e) {
      report(kernel, "error " + ControlSocket.oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
      throw e;
    }
    host.awaitStopped();
    host.close();
    return 0;
  }

  private static void report(LinuxKernel kernel, String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      kernel.write(READY_FD, bytes, 0, bytes.length);
      kernel.close(READY_FD);
    } catch (RuntimeException e) {
      // create is gone: nobody to tell
    }
  }

  private static Logger logger(Map<String, String> opts) {
    LogFormat format = LogFormat.parse(opts.getOrDefault("--log-format", "text"));
    boolean debug = opts.containsKey("--debug");
    if (opts.containsKey("--log")) {
      try {
        return Logger.toFile(Path.of(opts.get("--log")), format, debug, InstantSource.system());
      } catch (IOException e) {
        // fall through to stderr, which is /dev/null for a daemon
      }
    }
    return Logger.toStderr(System.err, format, debug, InstantSource.system());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (LaunchArguments.FLAGS.contains(args[i])) {
        opts.put(args[i], "true");
      } else if (args[i].equals("--debug") || args[i].equals("--strace")) {
        opts.put(args[i], "true");
      } else if (i + 1 < args.length) {
        opts.put(args[i], args[++i]);
      }
    }
    for (String required : new String[] {"--root", "--id", "--stub"}) {
      if (!opts.containsKey(required)) {
        throw new IllegalArgumentException("sentry daemon: missing " + required);
      }
    }
    return opts;
  }
}
