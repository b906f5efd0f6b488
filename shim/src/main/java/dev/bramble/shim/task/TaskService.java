package dev.bramble.shim.task;

import dev.bramble.oci.io.DocumentReader;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.spec.Process;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.config.ContainerConfig.ProcessConfig;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.api.TaskEvents;
import dev.bramble.shim.api.TaskRequests;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.ttrpc.Code;
import dev.bramble.shim.ttrpc.RpcException;
import dev.bramble.shim.ttrpc.Services;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code containerd.task.v2.Task} (and the identical v3) on the runtime library, in-process: every container of
 * this shim's group lives here under its own sentry. Process lifecycle (start, kill, wait, delete, exits) is in
 * {@link ProcessLifecycle}; this class owns the container table and the request/response plumbing.
 */
public final class TaskService {
  public static final String V2 = "containerd.task.v2.Task";
  public static final String V3 = "containerd.task.v3.Task";

  private final LinuxKernel kernel;
  private final Logger log;
  private final ContainerLauncher launcher;
  private final ProcessLifecycle lifecycle;
  private final Map<String, ShimContainer> containers = new ConcurrentHashMap<>();
  private final Set<String> creating = ConcurrentHashMap.newKeySet();
  private final ShimLifetime lifetime;
  private final String version;
  private final EventSink events;

  /** @param onShutdown called once when Shutdown arrives with no container left (the daemon then exits) */
  public TaskService(LinuxKernel kernel, Logger log, EventSink events, Runnable onShutdown, String version) {
    this(kernel, log, events, ShimLifetime.exitOnShutdown(onShutdown), version);
  }

  /** @param lifetime told of every Create, container removal and empty Shutdown; may refuse a Create */
  public TaskService(LinuxKernel kernel, Logger log, EventSink events, ShimLifetime lifetime, String version) {
    this.kernel = kernel;
    this.log = log;
    this.launcher = new ContainerLauncher(kernel, log);
    this.lifecycle = new ProcessLifecycle(kernel, log, events, launcher, id -> {
      containers.remove(id);
      lifetime.containerRemoved();
    });
    this.lifetime = lifetime;
    this.version = version;
    this.events = events;
  }

  /** Registers every method under both service names. */
  public Services register(Services services) {
    for (String service : new String[] {V2, V3}) {
      services.register(service, "Create", (ctx, p) -> create(TaskRequests.Create.decode(p)))
          .register(service, "Start", (ctx, p) -> onProcess(TaskRequests.ProcessRef.decode(p), lifecycle::start))
          .register(service, "State", (ctx, p) -> state(TaskRequests.ProcessRef.decode(p)))
          .register(service, "Kill", (ctx, p) -> kill(TaskRequests.Kill.decode(p)))
          .register(service, "Wait", (ctx, p) -> onProcess(TaskRequests.ProcessRef.decode(p), lifecycle::await))
          .register(service, "Delete", (ctx, p) -> delete(TaskRequests.ProcessRef.decode(p)))
          .register(service, "Exec", (ctx, p) -> exec(TaskRequests.Exec.decode(p)))
          .register(service, "Pids", (ctx, p) -> lifecycle.pids(container(TaskRequests.ContainerRef.decode(p).id())))
          .register(service, "CloseIO", (ctx, p) -> closeIo(TaskRequests.CloseIO.decode(p)))
          .register(service, "ResizePty", (ctx, p) -> resizePty(TaskRequests.ResizePty.decode(p)))
          .register(service, "Connect", (ctx, p) -> connect(TaskRequests.ContainerRef.decode(p)))
          .register(service, "Shutdown", (ctx, p) -> shutdown(TaskRequests.Shutdown.decode(p)))
          .register(service, "Stats", (ctx, p) -> stats(TaskRequests.ContainerRef.decode(p)))
          .register(service, "Update", (ctx, p) -> update(TaskRequests.Update.decode(p)))
          .register(service, "Pause", (ctx, p) -> freeze(TaskRequests.ContainerRef.decode(p), true))
          .register(service, "Resume", (ctx, p) -> freeze(TaskRequests.ContainerRef.decode(p), false))
          .register(service, "Checkpoint", (ctx, p) -> {
            container(TaskRequests.Checkpoint.decode(p).id());
            throw RpcException.unimplemented("checkpoint: bramble cannot checkpoint containers (no CRIU support)");
          });
    }
    return services;
  }

  /** Every pid a hosted sentry traces (the reaper leaves these to their tracer threads). */
  public Set<Integer> tracedPids() {
    Set<Integer> out = new java.util.HashSet<>();
    for (ShimContainer c : containers.values()) {
      out.addAll(c.sentry.pids());
      out.add(c.init.pid);
    }
    return out;
  }

  public int containerCount() {
    return containers.size();
  }

  Collection<ShimContainer> containers() {
    return containers.values();
  }

  private byte[] create(TaskRequests.Create request) {
    if (containers.containsKey(request.id()) || !creating.add(request.id())) {
      throw new RpcException(Code.ALREADY_EXISTS, "create " + request.id() + ": a task with this id already "
          + "exists in this shim");
    }
    if (!lifetime.admitCreate()) {
      creating.remove(request.id());
      throw new RpcException(Code.UNAVAILABLE, "create " + request.id() + ": this namespace shim is exiting after "
          + "its idle time; the next start of the container starts a new one (retry)");
    }
    try {
      ShimContainer c = launcher.create(request);
      containers.put(c.id, c);
      lifecycle.created(c);
      log.info("created container " + c.id + " (init pid " + c.init.pid + ") in bundle " + c.bundle);
      return new TaskResponses.Pid(c.init.pid).encode();
    } finally {
      creating.remove(request.id());
      lifetime.createDone();
    }
  }

  private byte[] state(TaskRequests.ProcessRef ref) {
    ShimContainer c = container(ref.id());
    ShimProcess p = processOf(ref);
    TaskResponses.Status status = p.status() == TaskResponses.Status.RUNNING && c.cgroup != null
        && pausedQuietly(c) ? TaskResponses.Status.PAUSED : p.status();
    return new TaskResponses.State(c.id, c.bundle.toString(), p.pid, status, p.stdin, p.stdout, p.stderr,
        p.terminal, p.exitStatus(), p.exitedAt(), p.execId).encode();
  }

  private static boolean pausedQuietly(ShimContainer c) {
    try {
      return c.cgroup.paused();
    } catch (RuntimeException e) {
      return false; // the cgroup is gone with the container
    }
  }

  private byte[] kill(TaskRequests.Kill request) {
    TaskRequests.ProcessRef ref = new TaskRequests.ProcessRef(request.id(), request.execId());
    lifecycle.kill(container(ref.id()), processOf(ref), request.signal(), request.all());
    return TaskResponses.EMPTY;
  }

  private byte[] onProcess(TaskRequests.ProcessRef ref,
      java.util.function.BiFunction<ShimContainer, ShimProcess, byte[]> action) {
    return action.apply(container(ref.id()), processOf(ref));
  }

  private byte[] delete(TaskRequests.ProcessRef ref) {
    ShimContainer c = container(ref.id());
    return ref.execId().isEmpty() ? lifecycle.deleteInit(c) : lifecycle.deleteExec(c, processOf(ref));
  }

  private byte[] exec(TaskRequests.Exec request) {
    ShimContainer c = container(request.id());
    if (request.execId().isEmpty()) {
      throw RpcException.invalidArgument("exec in " + c.id + ": an exec id is required");
    }
    ProcessConfig spec = execProcess(c.id, request);
    if (spec.terminal() != request.terminal()) {
      throw RpcException.invalidArgument("exec " + request.execId() + " in " + c.id + ": ExecProcess.terminal is "
          + request.terminal() + " but the process spec's terminal is " + spec.terminal() + "; they must agree");
    }
    ShimProcess p = new ShimProcess(c.id, request.execId(), request.stdin(), request.stdout(), request.stderr(),
        request.terminal(), spec);
    lifecycle.addExec(c, p);
    return TaskResponses.EMPTY;
  }

  private static ProcessConfig execProcess(String id, TaskRequests.Exec request) {
    if (request.spec() == null) {
      throw RpcException.invalidArgument("exec " + request.execId() + " in " + id + ": no process spec");
    }
    Process process;
    try {
      process = DocumentReader.parse(new String(request.spec().value(), StandardCharsets.UTF_8),
          "exec " + request.execId() + " process spec", Process.class);
    } catch (SpecException e) {
      throw RpcException.invalidArgument("exec " + request.execId() + " in " + id + ": " + e.getMessage());
    }
    if (process.args() == null || process.args().isEmpty()) {
      throw RpcException.invalidArgument("exec " + request.execId() + " in " + id + ": process.args is empty; "
          + "give a command to run");
    }
    try {
      return new ConfigTranslator(Capability.hostLast()).translateProcess(process);
    } catch (ConfigException e) {
      throw RpcException.invalidArgument("exec " + request.execId() + " in " + id + ": " + e.getMessage());
    }
  }

  private byte[] closeIo(TaskRequests.CloseIO request) {
    ShimProcess p = processOf(new TaskRequests.ProcessRef(request.id(), request.execId()));
    if (request.stdin() && p.stdio != null) {
      p.stdio.closeStdin();
    }
    return TaskResponses.EMPTY;
  }

  private byte[] resizePty(TaskRequests.ResizePty request) {
    ShimProcess p = processOf(new TaskRequests.ProcessRef(request.id(), request.execId()));
    ConsoleRelay console = p.console;
    if (console != null) {
      try {
        console.resize(request.width(), request.height());
      } catch (RuntimeException e) {
        throw new RpcException(Code.UNKNOWN, "resize the terminal of " + p.eventId() + ": " + e.getMessage(), e);
      }
    }
    return TaskResponses.EMPTY; // without a terminal there is nothing to resize (as in the runc shim)
  }

  private byte[] connect(TaskRequests.ContainerRef request) {
    ShimContainer c = containers.get(request.id());
    return new TaskResponses.Connect(kernel.getpid(), c == null ? 0 : c.init.pid, version).encode();
  }

  private byte[] shutdown(TaskRequests.Shutdown request) {
    if (!containers.isEmpty() || !creating.isEmpty()) {
      log.debug("shutdown for " + request.id() + " ignored: " + containers.size() + " container(s) remain");
      return TaskResponses.EMPTY;
    }
    lifetime.shutdownRequested();
    return TaskResponses.EMPTY;
  }

  private byte[] stats(TaskRequests.ContainerRef ref) {
    ShimContainer c = withCgroup(ref.id(), "stats");
    try {
      return new dev.bramble.shim.proto.ProtoWriter().message(1, CgroupMetrics.of(c.cgroup.stats()).encode())
          .toByteArray();
    } catch (RuntimeException e) {
      throw new RpcException(Code.UNKNOWN, "stats " + c.id + ": " + e.getMessage(), e);
    }
  }

  /** Update: {@code resources} is an OCI LinuxResources, JSON in the Any's value. */
  private byte[] update(TaskRequests.Update request) {
    ShimContainer c = withCgroup(request.id(), "update");
    if (request.resources() == null) {
      return TaskResponses.EMPTY;
    }
    dev.bramble.oci.spec.LinuxResources changes;
    try {
      changes = DocumentReader.parse(new String(request.resources().value(), StandardCharsets.UTF_8),
          "update " + c.id + " resources", dev.bramble.oci.spec.LinuxResources.class);
    } catch (SpecException e) {
      throw RpcException.invalidArgument("update " + c.id + ": " + e.getMessage());
    }
    try {
      c.cgroup.update(changes);
    } catch (RuntimeException e) {
      throw new RpcException(Code.FAILED_PRECONDITION, "update " + c.id + ": " + e.getMessage(), e);
    }
    return TaskResponses.EMPTY;
  }

  /** Pause/Resume through the cgroup freezer; the events containerd's clients expect follow. */
  private byte[] freeze(TaskRequests.ContainerRef ref, boolean pause) {
    ShimContainer c = withCgroup(ref.id(), pause ? "pause" : "resume");
    if (!c.init.running()) {
      throw RpcException.failedPrecondition((pause ? "pause " : "resume ") + c.id + ": the container is "
          + c.init.status().name().toLowerCase(java.util.Locale.ROOT) + ", not running");
    }
    try {
      if (pause) {
        c.cgroup.pause();
      } else {
        c.cgroup.resume();
      }
    } catch (RuntimeException e) {
      throw new RpcException(Code.UNKNOWN, (pause ? "pause " : "resume ") + c.id + ": " + e.getMessage(), e);
    }
    events.publish(pause ? TaskEvents.paused(c.id) : TaskEvents.resumed(c.id));
    return TaskResponses.EMPTY;
  }

  private ShimContainer withCgroup(String id, String verb) {
    ShimContainer c = container(id);
    if (c.cgroup == null) {
      throw RpcException.unimplemented(verb + " " + id + ": the container has no cgroup (no cgroup file system "
          + "on this host)");
    }
    return c;
  }

  private ShimContainer container(String id) {
    ShimContainer c = containers.get(id);
    if (c == null) {
      throw RpcException.notFound("container " + id + " does not exist in this shim");
    }
    return c;
  }

  private ShimProcess processOf(TaskRequests.ProcessRef ref) {
    ShimContainer c = container(ref.id());
    ShimProcess p = c.process(ref.execId());
    if (p == null) {
      throw RpcException.notFound("process " + ref.execId() + " does not exist in container " + c.id);
    }
    return p;
  }

  /** For tests and Pids: the container a request names. */
  ShimContainer find(String id) {
    return containers.get(id);
  }

  static TaskEvents.Event createEvent(ShimContainer c) {
    return TaskEvents.create(c.id, c.bundle.toString(), c.rootfs, c.init.stdin, c.init.stdout, c.init.stderr,
        false, c.init.pid);
  }
}
