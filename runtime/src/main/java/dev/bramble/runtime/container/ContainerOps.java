package dev.bramble.runtime.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.oci.state.State;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verbs that act on an existing container: state, list, start, kill, delete, pids. */
public final class ContainerOps {
  /** How long delete waits for a killed container's sentry to record the exit and leave. */
  private static final long SENTRY_EXIT_WAIT_MS = 10_000;
  static final String OCI_VERSION = "1.2.1";

  private final LinuxKernel kernel;
  private final StateStore store;
  private final ProcessTable processes;
  private final ContainerStatusResolver statuses;
  private final Logger log;

  public ContainerOps(LinuxKernel kernel, StateStore store, ProcessTable processes) {
    this(kernel, store, processes, Logger.toStderr(System.err, LogFormat.TEXT, false, InstantSource.system()));
  }

  /** @param log where delete reports poststop hook failures and cgroups it could not remove */
  public ContainerOps(LinuxKernel kernel, StateStore store, ProcessTable processes, Logger log) {
    this.kernel = kernel;
    this.store = store;
    this.processes = processes;
    this.statuses = new ContainerStatusResolver(processes);
    this.log = log;
  }

  /** The OCI state document, with runc's extra fields (rootfs, created, owner). */
  public State state(String id) {
    return toState(store.require(id));
  }

  public List<State> list() {
    List<State> out = new ArrayList<>();
    for (ContainerRecord r : store.list()) {
      out.add(toState(r));
    }
    return out;
  }

  public ContainerStatus status(ContainerRecord r) {
    return statuses.status(r);
  }

  State toState(ContainerRecord r) {
    ContainerStatus status = statuses.status(r);
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    extra.put("rootfs", JsonNodeFactory.instance.textNode(r.rootfs()));
    extra.put("created", JsonNodeFactory.instance.textNode(r.created()));
    extra.put("owner", JsonNodeFactory.instance.textNode(r.owner()));
    int pid = status == ContainerStatus.STOPPED ? 0 : r.pid();
    return new State(OCI_VERSION, r.id(), status, pid, r.bundle(), r.annotations(), extra);
  }

  public void start(String id) {
    try (StateStore.Lock lock = store.lock(id)) {
      ContainerRecord r = store.require(id);
      Transitions.START.require(id, statuses.status(r));
      ControlSocket.request(ControlSocket.pathFor(store, id), "start");
    }
  }

  public void kill(String id, int signal, boolean all) {
    ContainerRecord r = store.require(id);
    ContainerStatus status = statuses.status(r);
    Transitions.KILL.require(id, status);
    if (status == ContainerStatus.CREATED || all) {
      ControlSocket.request(ControlSocket.pathFor(store, id), "signal " + signal + (all ? " all" : ""));
      return;
    }
    try {
      kernel.kill(r.pid(), signal);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  /** Host pids of the container's processes, from its sentry (which traces every one of them). */
  public List<Integer> pids(String id) {
    ContainerRecord r = store.require(id);
    if (statuses.status(r) == ContainerStatus.STOPPED) {
      return List.of();
    }
    String reply = ControlSocket.request(ControlSocket.pathFor(store, id), "pids");
    return reply.isEmpty() ? List.of() : Arrays.stream(reply.split(",")).map(Integer::valueOf).toList();
  }

  /**
   * Removes a container. A created container is killed first (as runc does); a running one only with
   * {@code force}. Waits for the sentry to finish so nothing of the container outlives the call.
   */
  public void delete(String id, boolean force) {
    if (store.load(id).isEmpty()) {
      if (force) {
        store.remove(id);
        return;
      }
      throw new BrambleException("container \"" + id + "\" does not exist");
    }
    try (StateStore.Lock lock = store.lock(id)) {
      ContainerRecord r = store.require(id);
      ContainerStatus status = statuses.status(r);
      if (!force && !Transitions.DELETE.allows(status)) {
        throw new BrambleException("cannot delete container \"" + id + "\" that is not stopped: it is "
            + status.jsonName() + "; stop it first or use delete --force");
      }
      if (status != ContainerStatus.STOPPED) {
        killInit(r, status);
      }
      if (status == ContainerStatus.PAUSED) {
        // a cgroup v1 freezer holds even SIGKILL until the processes thaw
        ContainerCgroup.of(kernel, log, r.cgroup()).resume();
      }
      awaitSentryExit(r);
      java.util.Optional<RuntimeException> leftover = ContainerWiring.afterStop(kernel, log, r,
          ContainerWiring.hooks(kernel, log, snapshotHooks(id), r.id(), java.nio.file.Path.of(r.bundle()),
              r.annotations()));
      store.remove(id);
      if (leftover.isPresent()) {
        throw new BrambleException("delete " + id + ": " + leftover.get().getMessage(), leftover.get());
      }
    }
  }

  /** The hooks of the config.json snapshot create kept; none when it is missing or unreadable (logged). */
  private dev.bramble.oci.spec.Hooks snapshotHooks(String id) {
    java.nio.file.Path snapshot = store.file(id, StateStore.CONFIG_FILE);
    if (!java.nio.file.Files.exists(snapshot)) {
      return null;
    }
    try {
      return ContainerWiring.hooksOf(snapshot);
    } catch (BrambleException e) {
      log.warning("delete " + id + ": poststop hooks not run: " + e.getMessage());
      return null;
    }
  }

  private void killInit(ContainerRecord r, ContainerStatus status) {
    try {
      kernel.kill(r.pid(), Signals.SIGKILL);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  private void awaitSentryExit(ContainerRecord r) {
    if (r.sentryPid() == ProcessHandle.current().pid()) {
      return;
    }
    long deadline = System.currentTimeMillis() + SENTRY_EXIT_WAIT_MS;
    while (processes.alive(r.sentryPid(), r.sentryStartTime())) {
      if (System.currentTimeMillis() > deadline) {
        try {
          kernel.kill(r.sentryPid(), Signals.SIGKILL); // EXITKILL takes whatever it still traced with it
        } catch (SyscallException e) {
          // gone meanwhile
        }
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
