package dev.bramble.runtime.container;

import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.sentry.TraceeExitedException;
import dev.bramble.runtime.linux.WaitStatus;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.log.Timeline;
import dev.bramble.runtime.sentry.Sentry;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A container's sentry as hosted by a process (the per-container daemon of {@code bramble create}, or
 * {@code bramble run} itself): it keeps state.json in step with the sentry and answers the control socket.
 */
public final class SentryHost implements AutoCloseable {
  private final StateStore store;
  private final ContainerConfig config;
  private final Sentry sentry;
  private final Logger log;
  private final ProcessTable processes = ProcessTable.host();
  private volatile ContainerRecord record;
  private ControlSocket control;
  private Runnable afterStart = () -> {};

  public SentryHost(StateStore store, ContainerConfig config, Sentry sentry, Logger log) {
    this.store = store;
    this.config = config;
    this.sentry = sentry;
    this.log = log;
  }

  /** Builds the container; state.json says "created" and the control socket answers when this returns. */
  public int create(ContainerRecord initial, OptionalInt adoptedStub) {
    int pid;
    try {
      pid = sentry.create(config, adoptedStub);
    } catch (ConfigException e) {
      throw new BrambleException("create " + config.id() + ": config.json: " + e.getMessage(), e);
    } catch (SyscallException e) {
      throw new BrambleException("create " + config.id() + ": container setup failed: " + e.getMessage()
          + SetupRemedies.forFailure(e, config), e);
    } catch (TraceeExitedException e) {
      throw new BrambleException("create " + config.id() + ": " + e.getMessage(), e);
    }
    int self = (int) ProcessHandle.current().pid();
    record = initial.withInit(pid, processes.startTime(pid))
        .withSentry(self, processes.startTime(self))
        .withPhase(ContainerRecord.CREATED);
    store.save(record);
    control = ControlSocket.serve(ControlSocket.pathFor(store, config.id()), this::handle);
    return pid;
  }

  /** The container's terminal master when process.terminal is set (once; the caller owns the fd). */
  public java.util.OptionalInt takeConsoleMaster() {
    return sentry.takeConsoleMaster();
  }

  public synchronized void start() {
    try {
      sentry.start(config.process().args(), config.environment());
    } catch (RuntimeException e) {
      if (e instanceof BrambleException) {
        throw e;
      }
      throw new BrambleException("start " + config.id() + ": " + e.getMessage(), e);
    }
    if (!record.phase().equals(ContainerRecord.STOPPED)) {
      record = record.withPhase(ContainerRecord.RUNNING);
      store.save(record);
    }
    afterStart.run();
  }

  /** Runs once the entrypoint runs, before start returns (the OCI poststart hooks); must not throw. */
  public void onStarted(Runnable action) {
    this.afterStart = action;
  }

  public void signal(int sig, boolean all) {
    sentry.signal(sig, all);
  }

  /** Blocks until every process of the container is gone; records and returns the init's exit status. */
  public int awaitStopped() {
    sentry.stopped().join();
    WaitStatus status = sentry.exit().join();
    synchronized (this) {
      // after a start() still under way has recorded "running" (start holds this lock): the exit comes last
      record = record.withExitStatus(status.shellStatus());
      store.save(record);
    }
    log.debug(Timeline.stamp() + "container " + config.id() + " stopped: " + status);
    return status.shellStatus();
  }

  /** An exec whose stub (and so whose stdio and parent) the requesting `bramble exec` provides. */
  private int exec(int stub, java.nio.file.Path processJson, java.util.Optional<java.nio.file.Path> consoleSocket) {
    dev.bramble.oci.spec.Process process;
    try {
      process = dev.bramble.oci.io.DocumentReader.read(processJson, dev.bramble.oci.spec.Process.class);
    } catch (dev.bramble.oci.io.SpecException e) {
      throw new BrambleException("exec: " + e.getMessage(), e);
    }
    ContainerConfig.ProcessConfig translated =
        new dev.bramble.runtime.config.ConfigTranslator(dev.bramble.runtime.config.Capability.hostLast())
            .translateProcess(process);
    try {
      Sentry.ExecHandle handle = sentry.exec(translated, OptionalInt.of(stub), java.util.Map.of());
      if (handle.consoleMaster().isPresent() && consoleSocket.isPresent()) {
        ConsoleHandoff.send(sentry.kernel(), consoleSocket.get(), handle.consoleMaster().getAsInt());
      }
      return handle.pid();
    } catch (SyscallException e) {
      throw new BrambleException("exec in " + config.id() + ": " + e.getMessage(), e);
    }
  }

  /** Exec with a stub spawned here (the shim's way); stdio maps child fds 0..2 to fds of this process. */
  public Sentry.ExecHandle exec(ContainerConfig.ProcessConfig process, java.util.Map<Integer, Integer> stdio) {
    return sentry.exec(process, OptionalInt.empty(), stdio);
  }

  /** The sentry's syscall counters as one JSON line: {"trapped":N,"denied":N,"emulated":N,"bySyscall":{...}}. */
  private String countersJson() {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    sentry.syscallCounters().ifPresent(s -> {
      json.put("trapped", s.total().trapped()).put("denied", s.total().denied()).put("emulated", s.total().emulated());
      com.fasterxml.jackson.databind.node.ObjectNode by = json.putObject("bySyscall");
      s.bySyscall().forEach((name, c) -> by.putObject(name).put("trapped", c.trapped()).put("denied", c.denied())
          .put("emulated", c.emulated()));
    });
    return new String(dev.bramble.oci.json.JsonTrees.bytes(json), java.nio.charset.StandardCharsets.UTF_8);
  }

  private String handle(String request) {
    String[] words = request.trim().split(" ");
    switch (words[0]) {
      case "start":
        start();
        return "ok";
      case "signal":
        signal(Integer.parseInt(words[1]), words.length > 2 && words[2].equals("all"));
        return "ok";
      case "exec":
        return "ok " + exec(Integer.parseInt(words[1]), java.nio.file.Path.of(words[2]),
            words.length > 3 ? java.util.Optional.of(java.nio.file.Path.of(words[3])) : java.util.Optional.empty());
      case "pids":
        return "ok " + sentry.pids().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
      case "counters":
        return "ok " + countersJson();
      case "ping":
        return "ok";
      default:
        return "error unknown request \"" + ControlSocket.oneLine(request) + "\"";
    }
  }

  @Override
  public void close() {
    if (control != null) {
      control.close();
    }
    sentry.close();
  }
}
