package dev.bramble.runtime.container;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.SpawnRequest;
import dev.bramble.runtime.linux.WaitStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the detached {@link SentryDaemon} of a container and waits for its verdict on the readiness pipe. The
 * daemon is a second JVM on the same classpath, in its own session, with /dev/null as stdio: the container's stdio
 * (often containerd's FIFOs) belongs to the container alone.
 */
final class DaemonLauncher {
  /**
   * Daemon JVM flags: a long-lived process, but one that mostly sleeps in waitpid. Native reflection accessors, as
   * in the launchers: method-handle accessors cost ~40 ms of class spinning on the first config.json binding.
   */
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:-UsePerfData", "-Xss512k", "-Xms8m", "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
      "-Djdk.reflect.useNativeAccessorOnly=true");

  private final LinuxKernel kernel;

  DaemonLauncher(LinuxKernel kernel) {
    this.kernel = kernel;
  }

  /** Log settings handed down so the daemon logs where the verb logs. */
  record LogSettings(Optional<String> file, String format, boolean debug, boolean strace) {
    LogSettings(Optional<String> file, String format, boolean debug) {
      this(file, format, debug, false);
    }
  }

  /** Returns the init's pid once the daemon has built the container; throws with the daemon's error otherwise. */
  int launch(StateStore store, String id, int stubPid, LogSettings logs, Optional<java.nio.file.Path> consoleSocket,
      dev.bramble.runtime.config.ContainerConfig.LaunchOptions launch) {
    List<String> argv = new ArrayList<>();
    argv.add(javaBinary());
    argv.addAll(JVM_FLAGS);
    // the same startup aids as the launcher that started us: AppCDS archive, pre-extracted JNA, JVM logging off
    String aot = System.getProperty("bramble.aot");
    String cds = System.getProperty("bramble.cds");
    if (aot != null) {
      argv.addAll(List.of("-XX:AOTCache=" + aot, "-Dbramble.aot=" + aot, "--enable-native-access=ALL-UNNAMED"));
    } else if (cds != null) {
      argv.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + cds, "-Dbramble.cds=" + cds));
    }
    String jna = System.getProperty("jna.boot.library.path");
    if (jna != null) {
      argv.add("-Djna.boot.library.path=" + jna);
    }
    argv.addAll(List.of("-Xlog:disable", "-XX:-PrintWarnings"));
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(SentryDaemon.class.getName());
    argv.addAll(List.of("--root", store.root().toString(), "--id", id, "--stub", Integer.toString(stubPid),
        "--log-format", logs.format()));
    logs.file().ifPresent(f -> argv.addAll(List.of("--log", f)));
    consoleSocket.ifPresent(s -> argv.addAll(List.of("--console-socket", s.toAbsolutePath().toString())));
    argv.addAll(LaunchArguments.toArguments(launch));
    if (logs.debug()) {
      argv.add("--debug");
    }
    if (logs.strace()) {
      argv.add("--strace");
    }
    int devNull = kernel.open("/dev/null", 2, 0);
    int[] pipe = kernel.pipe();
    int daemon;
    try {
      List<String> env = System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      daemon = kernel.spawn(new SpawnRequest(argv.get(0), argv, env,
          Map.of(0, devNull, 1, devNull, 2, devNull, SentryDaemon.READY_FD, pipe[1]), true, "/"));
    } finally {
      kernel.close(devNull);
      kernel.close(pipe[1]);
    }
    String verdict;
    try {
      verdict = readAll(pipe[0]).trim();
    } finally {
      kernel.close(pipe[0]);
    }
    if (verdict.startsWith("ok ")) {
      return Integer.parseInt(verdict.substring(3).trim());
    }
    if (verdict.startsWith("error ")) {
      reap(daemon);
      throw new BrambleException(verdict.substring(6));
    }
    WaitStatus status = reap(daemon);
    throw new BrambleException("create " + id + ": the sentry process exited (" + status + ") before the container "
        + "was ready; rerun with --debug --log FILE and read FILE");
  }

  private String readAll(int fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int n;
    while ((n = kernel.read(fd, buf, 0, buf.length)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private WaitStatus reap(int pid) {
    try {
      return kernel.waitpid(pid, Ptrace.WALL);
    } catch (RuntimeException e) {
      return WaitStatus.NONE;
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElseGet(() -> java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

}
