package dev.bramble.shim.task;

import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.api.TaskEvents;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.ttrpc.Code;
import dev.bramble.shim.ttrpc.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Start, kill, wait, delete and exit handling for init and exec processes, with containerd's event order: a
 * process's start event before its exit event (the container lock), an init's exit only after its execs' exits
 * (containerd/containerd#9828), and exits handled off the tracer thread on one queue.
 */
final class ProcessLifecycle {
  /** How long an init's exit waits for its execs' exits (they die with the pid namespace, so this is quick). */
  private static final long EXEC_EXIT_WAIT_MS = 2000;
  private static final long DELETE_WAIT_MS = 5000;

  private final LinuxKernel kernel;
  private final Logger log;
  private final EventSink events;
  private final ContainerLauncher launcher;
  private final Consumer<String> removed;
  private final ExecutorService exits = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "exits");
    t.setDaemon(true);
    return t;
  });

  ProcessLifecycle(LinuxKernel kernel, Logger log, EventSink events, ContainerLauncher launcher,
      Consumer<String> removed) {
    this.kernel = kernel;
    this.log = log;
    this.events = events;
    this.launcher = launcher;
    this.removed = removed;
  }

  void created(ShimContainer c) {
    events.publish(TaskService.createEvent(c));
    if (c.cgroup != null) {
      c.oomWatcher = c.cgroup.watchOom(dev.bramble.runtime.cgroup.OomWatcher.DEFAULT_INTERVAL,
          kills -> events.publish(TaskEvents.oom(c.id))).orElse(null);
    }
    c.sentry.exit().whenCompleteAsync((status, failure) -> initExited(c, status), exits);
  }

  byte[] start(ShimContainer c, ShimProcess p) {
    synchronized (c.lock) {
      if (p.started) {
        throw RpcException.failedPrecondition("start " + p.eventId() + ": already started");
      }
      if (p.exited.isDone() || c.init.exited.isDone()) {
        throw RpcException.failedPrecondition("start " + p.eventId() + ": container " + c.id
            + " has already stopped");
      }
      if (p.isInit()) {
        startInit(c);
      } else {
        startExec(c, p);
      }
      return new TaskResponses.Pid(p.pid).encode();
    }
  }

  private void startInit(ShimContainer c) {
    try {
      c.sentry.start(c.config.process().args(), c.config.process().env());
    } catch (RuntimeException e) {
      throw new RpcException(Code.UNKNOWN, "start " + c.id + ": " + e.getMessage(), e);
    }
    c.init.started = true;
    events.publish(TaskEvents.start(c.id, c.init.pid));
    try {
      c.hooks.run(dev.bramble.runtime.hooks.HookKind.POSTSTART, c.init.pid,
          dev.bramble.runtime.hooks.HookTarget.RUNTIME);
    } catch (RuntimeException e) {
      log.warning("start " + c.id + ": poststart hook: " + e.getMessage());
    }
  }

  private void startExec(ShimContainer c, ShimProcess p) {
    String name = c.id + "-" + p.execId;
    Stdio stdio = p.terminal ? Stdio.open(kernel, name, "", "", "") : Stdio.open(kernel, name, p.stdin, p.stdout,
        p.stderr);
    p.stdio = stdio;
    dev.bramble.runtime.sentry.Sentry.ExecHandle handle;
    try {
      handle = c.sentry.exec(p.spec, OptionalInt.empty(), stdio.childFds());
    } catch (RuntimeException e) {
      stdio.close();
      p.exited.complete(new ProcessExit(255, Instant.now()));
      throw new RpcException(Code.UNKNOWN, "exec " + p.execId + " in " + c.id + ": " + e.getMessage(), e);
    }
    stdio.releaseChildCopies();
    if (handle.consoleMaster().isPresent()) {
      p.console = new ConsoleRelay(kernel, handle.consoleMaster().getAsInt(), name, p.stdin, p.stdout);
    }
    p.pid = handle.pid();
    p.started = true;
    events.publish(TaskEvents.execStarted(c.id, p.execId, p.pid));
    handle.exit().whenCompleteAsync((status, failure) -> execExited(c, p, status), exits);
  }

  private void execExited(ShimContainer c, ShimProcess p, WaitStatus status) {
    synchronized (c.lock) {
      ProcessExit exit = new ProcessExit(status == null ? 255 : status.shellStatus(), Instant.now());
      p.exited.complete(exit);
      events.publish(TaskEvents.exit(c.id, p.execId, p.pid, exit.status(), exit.timestamp()));
    }
  }

  private void initExited(ShimContainer c, WaitStatus status) {
    ProcessExit exit = new ProcessExit(status == null ? 255 : status.shellStatus(), Instant.now());
    if (!c.sentry.pids().isEmpty()) {
      c.sentry.signal(Signals.SIGKILL, true); // no pid namespace: the rest of the container goes with its init
    }
    List<CompletableFuture<ProcessExit>> execs = new ArrayList<>();
    c.execs.values().stream().filter(ShimProcess::running).forEach(e -> execs.add(e.exited));
    CompletableFuture.allOf(execs.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, EXEC_EXIT_WAIT_MS, TimeUnit.MILLISECONDS)
        .whenCompleteAsync((ignored, failure) -> {
          synchronized (c.lock) {
            c.init.exited.complete(exit);
            events.publish(TaskEvents.exit(c.id, c.id, c.init.pid, exit.status(), exit.timestamp()));
          }
          log.info("container " + c.id + " init " + c.init.pid + " exited with status " + exit.status());
        }, exits);
  }

  void kill(ShimContainer c, ShimProcess p, int signal, boolean all) {
    if (p.exited.isDone()) {
      throw RpcException.notFound("process already finished");
    }
    if (p.isInit()) {
      c.sentry.signal(signal, all);
      return;
    }
    if (!p.started) {
      throw RpcException.failedPrecondition("kill exec " + p.execId + " in " + c.id + ": not started yet");
    }
    try {
      kernel.kill(p.pid, signal);
    } catch (SyscallException e) {
      if (e.errno() == Errno.ESRCH) {
        throw RpcException.notFound("process already finished");
      }
      throw e;
    }
  }

  byte[] await(ShimContainer c, ShimProcess p) {
    ProcessExit exit = p.exited.join();
    return new TaskResponses.Wait(exit.status(), exit.timestamp()).encode();
  }

  void addExec(ShimContainer c, ShimProcess p) {
    synchronized (c.lock) {
      if (c.init.exited.isDone()) {
        throw RpcException.failedPrecondition("exec in " + c.id + ": the container is not running");
      }
      if (c.execs.putIfAbsent(p.execId, p) != null) {
        throw new RpcException(Code.ALREADY_EXISTS, "exec " + p.execId + " already exists in container " + c.id);
      }
      events.publish(TaskEvents.execAdded(c.id, p.execId));
    }
  }

  byte[] deleteExec(ShimContainer c, ShimProcess p) {
    if (p.running()) {
      throw RpcException.failedPrecondition("cannot delete exec " + p.execId + " in " + c.id + ": it is running; "
          + "kill it first");
    }
    c.execs.remove(p.execId);
    p.closeStdio();
    ProcessExit exit = p.exited.getNow(new ProcessExit(0, Instant.now()));
    return new TaskResponses.Delete(p.pid, exit.status(), exit.timestamp()).encode();
  }

  byte[] deleteInit(ShimContainer c) {
    ShimProcess init = c.init;
    if (init.running()) {
      throw RpcException.failedPrecondition("cannot delete container " + c.id + ": it is running; kill it first");
    }
    if (!init.started && !init.exited.isDone()) {
      c.sentry.signal(Signals.SIGKILL, true); // deleting a created container ends it, as runc delete does
    }
    ProcessExit exit;
    boolean reaped;
    try {
      exit = init.exited.get(DELETE_WAIT_MS, TimeUnit.MILLISECONDS);
      reaped = true;
    } catch (Exception e) {
      exit = new ProcessExit(128 + Signals.SIGKILL, Instant.now());
      reaped = false;
    }
    c.sentry.close();
    init.closeStdio();
    c.execs.values().forEach(ShimProcess::closeStdio);
    boolean clean = launcher.cleanUp(c) && reaped;
    try {
      Files.deleteIfExists(c.bundle.resolve(InitRecord.FILE));
    } catch (java.io.IOException e) {
      clean = false;
      log.warning("delete " + c.id + ": remove " + c.bundle.resolve(InitRecord.FILE) + ": " + e.getMessage());
    }
    removed.accept(c.id);
    events.publish(TaskEvents.delete(c.id, init.pid, exit.status(), exit.timestamp()));
    log.info("deleted container " + c.id);
    byte[] answer = new TaskResponses.Delete(init.pid, exit.status(), exit.timestamp()).encode();
    if (clean) {
      try {
        DeleteAnswer.write(c.bundle, answer);
      } catch (java.io.UncheckedIOException e) {
        log.warning("delete " + c.id + ": " + e.getMessage() + "; the delete subcommand will clean up instead");
      }
    }
    return answer;
  }

  byte[] pids(ShimContainer c) {
    List<TaskResponses.ProcessInfo> out = new ArrayList<>();
    for (int pid : c.sentry.pids().stream().sorted().toList()) {
      String execId = c.execs.values().stream().filter(e -> e.pid == pid).map(e -> e.execId).findFirst()
          .orElse(null);
      out.add(new TaskResponses.ProcessInfo(pid, execId == null ? null : TaskResponses.processDetails(execId)));
    }
    return new TaskResponses.Pids(out).encode();
  }

  static Path bundleFile(ShimContainer c, String name) {
    return c.bundle.resolve(name);
  }
}
