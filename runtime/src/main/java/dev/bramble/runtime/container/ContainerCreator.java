package dev.bramble.runtime.container;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.container.BundleLoader.Loaded;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.hooks.ContainerHooks;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.sentry.SandboxLayout;
import dev.bramble.runtime.sentry.Sentry;
import dev.bramble.runtime.sentry.StubLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code create} and {@code run}: gates first (nothing exists yet if one fails), then the state directory, then the
 * sentry. Any failure after the state directory exists removes it, and with it every process already started.
 */
public final class ContainerCreator {
  private final LinuxKernel kernel;
  private final StateStore store;
  private final BundleLoader loader;
  private final Logger log;
  private final DaemonLauncher.LogSettings logSettings;
  private boolean systemdCgroup;

  public ContainerCreator(LinuxKernel kernel, StateStore store, BundleLoader loader, Logger log,
      Optional<String> logFile, String logFormat, boolean debug) {
    this(kernel, store, loader, log, logFile, logFormat, debug, false);
  }

  /** @param strace the global --strace: the sentry logs every trapped syscall */
  public ContainerCreator(LinuxKernel kernel, StateStore store, BundleLoader loader, Logger log,
      Optional<String> logFile, String logFormat, boolean debug, boolean strace) {
    this.kernel = kernel;
    this.store = store;
    this.loader = loader;
    this.log = log;
    this.logSettings = new DaemonLauncher.LogSettings(logFile, logFormat, debug, strace);
  }

  /** The global --systemd-cgroup: cgroupsPath is in systemd's slice:prefix:name form. */
  public ContainerCreator systemdCgroup(boolean systemd) {
    this.systemdCgroup = systemd;
    return this;
  }

  /** {@code bramble create}: returns the init's pid once the container waits, fully set up, for start. */
  public int create(CreateRequest request) {
    Prepared prepared = prepare(request, false);
    store.create(prepared.record());
    ContainerCgroup cgroup = null;
    try {
      store.writeFile(request.id(), StateStore.CONFIG_FILE, Files.readAllBytes(prepared.configJson()));
      cgroup = ContainerWiring.createCgroup(kernel, log, prepared.loaded(), request.id(), systemdCgroup,
          request.gateWarnings());
      store.save(prepared.record().withCgroup(cgroup.record()));
      int stub = StubLauncher.spawn(kernel, Arch.host().stub(), StubLauncher.INHERITED_STDIO,
          request.launch().preservedFds());
      int pid;
      try {
        cgroup.place(stub); // stopped: it joins before it does anything, and all it clones is born there
        pid = new DaemonLauncher(kernel).launch(store, request.id(), stub, logSettings, request.consoleSocket(),
            request.launch());
      } catch (RuntimeException e) {
        killAndReap(stub);
        throw e;
      }
      writePidFile(request, pid);
      return pid;
    } catch (IOException e) {
      ContainerWiring.removeCgroup(cgroup, log);
      store.remove(request.id());
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      ContainerWiring.removeCgroup(cgroup, log);
      store.remove(request.id());
      throw e;
    }
  }

  /**
   * {@code bramble run} in the foreground: the sentry lives in this process, signals to it go to the container,
   * and the container's exit status is returned. The container is deleted when it stops, as runc does.
   */
  public int run(CreateRequest request, SignalForwarding signals) {
    Prepared prepared = prepare(request, true);
    store.create(prepared.record());
    ContainerCgroup cgroup = null;
    ContainerRecord record = prepared.record();
    ContainerHooks hooks = ContainerWiring.hooks(kernel, log, prepared.loaded().spec().hooks(),
        prepared.loaded().config());
    boolean created = false;
    Sentry sentry = new Sentry(kernel, Arch.host(), prepared.layout(), log, request.id());
    sentry.setStrace(logSettings.strace());
    try (SentryHost host = new SentryHost(store, prepared.loaded().config(), sentry, log)) {
      cgroup = ContainerWiring.createCgroup(kernel, log, prepared.loaded(), request.id(), systemdCgroup,
          request.gateWarnings());
      record = record.withCgroup(cgroup.record());
      store.save(record);
      ContainerWiring.wire(sentry, host, cgroup, hooks, prepared.loaded().config());
      int pid = host.create(record, OptionalInt.empty());
      created = true;
      writePidFile(request, pid);
      OptionalInt master = host.takeConsoleMaster();
      TerminalRelay relay = null;
      if (master.isPresent()) {
        if (request.consoleSocket().isPresent()) {
          ConsoleHandoff.send(kernel, request.consoleSocket().get(), master.getAsInt());
        } else {
          relay = new TerminalRelay(kernel, master.getAsInt());
        }
      }
      try (SignalForwarding.Registration forwarding = signals.forwardTo(sig -> host.signal(sig, false))) {
        host.start();
        return host.awaitStopped();
      } finally {
        if (relay != null) {
          relay.close();
        }
      }
    } finally {
      if (created) {
        ContainerWiring.afterStop(kernel, log, record, hooks).ifPresent(e -> log.warning(e.getMessage()));
      } else {
        ContainerWiring.removeCgroup(cgroup, log);
      }
      store.remove(request.id());
    }
  }

  private record Prepared(Loaded loaded, ContainerRecord record, SandboxLayout layout, Path configJson) {}

  /** @param foreground whether this process stays attached (run without --detach), as runc's tty rules need */
  private Prepared prepare(CreateRequest request, boolean foreground) {
    StateStore.validId(request.id());
    if (store.load(request.id()).isPresent()) {
      throw new BrambleException("container with id \"" + request.id() + "\" already exists; delete it first or "
          + "choose another id");
    }
    GatedBundle gated = GatedBundle.load(kernel, loader, request.id(), request.bundle(), request.gateWarnings(),
        request.launch(), log);
    Loaded loaded = gated.loaded();
    boolean terminal = loaded.config().process().terminal();
    if (terminal && !foreground && request.consoleSocket().isEmpty()) {
      throw new BrambleException("create " + request.id() + ": process.terminal is true but no --console-socket "
          + "was given: a detached container needs one to receive its terminal (or set process.terminal to false)");
    }
    if (!terminal && request.consoleSocket().isPresent()) {
      throw new BrambleException("create " + request.id() + ": --console-socket was given but process.terminal is "
          + "false; leave the option out or set process.terminal to true");
    }
    ContainerRecord record = new ContainerRecord(request.id(), loaded.config().bundle().toString(),
        loaded.config().rootfs().toString(), ContainerRecord.CREATING, 0, 0, (int) ProcessHandle.current().pid(),
        ProcessTable.host().startTime((int) ProcessHandle.current().pid()), Instant.now().toString(), "",
        loaded.config().annotations(), null);
    return new Prepared(loaded, record, gated.layout(), loaded.config().bundle().resolve("config.json"));
  }

  private void writePidFile(CreateRequest request, int pid) {
    request.pidFile().ifPresent(file -> PidFile.write(file, pid));
  }

  private void killAndReap(int pid) {
    try {
      kernel.kill(pid, Signals.SIGKILL);
      kernel.waitpid(pid, Ptrace.WALL);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH && e.errno() != Errno.ECHILD) {
        log.warning("cleanup of stub " + pid + ": " + e.getMessage());
      }
    }
  }
}
