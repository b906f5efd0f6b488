package dev.bramble.shim.task;

import dev.bramble.runtime.config.ContainerConfig.ProcessConfig;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.proto.Timestamp;
import java.util.concurrent.CompletableFuture;

/**
 * One process of a container as containerd sees it: the init ({@code execId} empty) or an exec. The exit future
 * exists from the start, so a {@code Wait} that arrives before {@code Start} (ctr does that for execs) simply waits.
 */
final class ShimProcess {
  final String containerId;
  final String execId;
  final String stdin;
  final String stdout;
  final String stderr;
  final boolean terminal;
  /** An exec's process (from its process.json); null for the init, whose process is in config.json. */
  final ProcessConfig spec;
  final CompletableFuture<ProcessExit> exited = new CompletableFuture<>();
  volatile int pid;
  volatile boolean started;
  volatile Stdio stdio;
  /** The terminal relay of a process with a terminal, else null. */
  volatile ConsoleRelay console;

  ShimProcess(String containerId, String execId, String stdin, String stdout, String stderr, boolean terminal,
      ProcessConfig spec) {
    this.containerId = containerId;
    this.execId = execId;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.terminal = terminal;
    this.spec = spec;
  }

  boolean isInit() {
    return execId.isEmpty();
  }

  /** The id containerd's TaskExit carries: the exec id, or the container id for the init. */
  String eventId() {
    return isInit() ? containerId : execId;
  }

  TaskResponses.Status status() {
    if (exited.isDone()) {
      return TaskResponses.Status.STOPPED;
    }
    return started ? TaskResponses.Status.RUNNING : TaskResponses.Status.CREATED;
  }

  boolean running() {
    return started && !exited.isDone();
  }

  ProcessExit exitOrNull() {
    return exited.getNow(null);
  }

  int exitStatus() {
    ProcessExit e = exitOrNull();
    return e == null ? 0 : e.status();
  }

  /** Go's zero time until the process exits, as the runc shim reports it. */
  Timestamp exitedAt() {
    ProcessExit e = exitOrNull();
    return e == null ? Timestamp.GO_ZERO : e.timestamp();
  }

  void closeStdio() {
    Stdio s = stdio;
    if (s != null) {
      s.close();
    }
    ConsoleRelay c = console;
    if (c != null) {
      console = null;
      c.close();
    }
  }
}
