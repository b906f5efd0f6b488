package dev.bramble.runtime.sentry;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.arch.StubImage;
import dev.bramble.runtime.arch.SyscallTable;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.ProcFs;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.log.Timeline;
import dev.bramble.runtime.setup.CgroupFilesystem;
import dev.bramble.runtime.setup.InitSetup;
import dev.bramble.runtime.setup.MountInfo;
import dev.bramble.runtime.setup.NamespaceSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ptrace sentry of one container: builds it by syscall injection into the stub and its clone (the init), runs
 * its entrypoint on {@code start}, and from then on traces every process and thread of it until the last one is
 * gone. All ptrace work happens on one {@link TracerThread}; the public methods may be called from any thread.
 *
 * <p>Fail closed: every tracee is seized or auto-attached with PTRACE_O_EXITKILL, so if this JVM (or just the
 * tracer thread) dies, the kernel kills the container.
 */
public final class Sentry implements AutoCloseable {
  private static final long CLONE_PARENT = 0x00008000L;
  private static final int PROT_READ_WRITE = 3;
  private static final int MAP_PRIVATE_ANONYMOUS = 0x22, MAP_NORESERVE = 0x4000, MAP_FIXED_NOREPLACE = 0x100000;
  private static final int SCRATCH_ATTEMPTS = 16;

  private final LinuxKernel kernel;
  private final Arch arch;
  private final SyscallTable syscalls;
  private final SandboxLayout layout;
  private final Logger log;
  private final TracerThread tracer;
  private final Set<Integer> tracees = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<WaitStatus> exit = new CompletableFuture<>();

  private final java.util.Map<Integer, CompletableFuture<WaitStatus>> execExits = new ConcurrentHashMap<>();
  /**
   * waitpid(-1) reports the newest tracee's stops first, so a short-lived child can stop, run and exit before its
   * parent's fork event is collected. Children whose fork event came are "announced"; a child that exits
   * unannounced is remembered so that the late event does not add a dead pid (which would keep the sentry waiting
   * forever for an exit already reported).
   */
  private final Set<Integer> announced = new java.util.HashSet<>();
  private final Set<Integer> exitedUnannounced = new java.util.HashSet<>();
  private java.util.function.IntConsumer stubListener = pid -> {};
  private java.util.function.IntConsumer beforePivot = pid -> {};
  private java.util.function.IntConsumer beforeEntrypoint = pid -> {};
  private ContainerConfig config;
  private volatile OptionalInt consoleMaster = OptionalInt.empty();
  private Injector injector;
  private InjectedSyscalls init;
  /** The seccomp filters and stop handler; set during create, on the tracer thread. */
  private volatile dev.bramble.runtime.sentry.policy.SyscallSandbox sandbox;
  private volatile boolean strace;
  private volatile int stubPid;
  private volatile int initPid;
  private volatile boolean started;

  public Sentry(LinuxKernel kernel, Arch arch, SandboxLayout layout, Logger log, String containerId) {
    this.kernel = kernel;
    this.arch = arch;
    this.syscalls = arch.syscalls();
    this.layout = layout;
    this.log = log;
    this.tracer = new TracerThread("sentry-" + containerId);
  }

  /**
   * Builds the container and leaves its init stopped just before the entrypoint's execve.
   *
   * @param adoptedStub a stub another process spawned (so the init becomes that process's child, as runc's init
   *     is the caller's); empty to spawn the stub here
   * @return the init's host pid
   */
  public int create(ContainerConfig config, OptionalInt adoptedStub) {
    return create(config, adoptedStub, StubLauncher.INHERITED_STDIO);
  }

  /**
   * As {@link #create(ContainerConfig, OptionalInt)}, spawning the stub here with {@code stdio} (child fd → our fd)
   * as the container's stdin, stdout and stderr — how a shim hands containerd's FIFOs to the container.
   */
  public int create(ContainerConfig config, OptionalInt adoptedStub, java.util.Map<Integer, Integer> stdio) {
    return tracer.call(() -> {
      try {
        return build(config, adoptedStub, stdio);
      } catch (RuntimeException | Error e) {
        killEverything();
        reap(initPid);
        reap(stubPid);
        throw e;
      }
    });
  }

  private int build(ContainerConfig config, OptionalInt adoptedStub, java.util.Map<Integer, Integer> stdio) {
    this.config = config;
    InjectedSyscalls stubCalls = prepareStub(adoptedStub, stdio, config.launch().preservedFds());
    int stub = stubCalls.pid();
    stubPid = stub;
    log.debug(Timeline.stamp() + "sentry: stub " + stub + " seized");
    new NamespaceSetup(stubCalls, config, this::writeIdMaps, this::writeTimeOffsets).enter();

    int child = cloneChild(stubCalls, "container init");
    initPid = child;
    init = new InjectedSyscalls(child, injector, new ScratchArena(kernel, stubCalls.scratchBase(),
        SandboxLayout.SCRATCH_SIZE), syscalls);
    sandbox = dev.bramble.runtime.sentry.policy.SyscallSandbox.build(kernel, arch, config, tracees::size, log,
        strace);
    int master = new InitSetup(config, OpenFlags.of(arch), dev.bramble.runtime.config.Capability.hostLast(),
        this::installSyscallFilters)
        .run(init, MountInfo.parse(readProc(child, "mountinfo")),
            CgroupFilesystem.of(MountInfo.parse(readProc(kernel.getpid(), "mountinfo")), readProc(child, "cgroup")),
            () -> beforePivot.accept(child));
    consoleMaster = takeConsoleMaster(init, master);
    if (config.process().oomScoreAdj() != null) {
      writeProc(child, "oom_score_adj", config.process().oomScoreAdj().toString());
    }
    park(stub);
    log.debug(Timeline.stamp() + "sentry: container init " + child + " set up, stopped before execve");
    return child;
  }

  /**
   * A stub ready for injection: spawned here with {@code stdio} (or adopted), seized, given its scratch region,
   * and stripped of every inherited fd above stderr.
   */
  private InjectedSyscalls prepareStub(OptionalInt adoptedStub, java.util.Map<Integer, Integer> stdio,
      int preservedFds) {
    StubImage image = arch.stub();
    int stub = adoptedStub.isPresent() ? adoptedStub.getAsInt()
        : StubLauncher.spawn(kernel, image, stdio, preservedFds);
    stubListener.accept(stub);
    kernel.ptraceSeize(stub, Ptrace.SANDBOX_OPTIONS);
    awaitFirstStop(stub, "stub");
    if (injector == null) {
      injector = new Injector(kernel, arch.registers(), image.trampoline());
    }
    long scratch = mapScratch(stub);
    InjectedSyscalls calls = new InjectedSyscalls(stub, injector,
        new ScratchArena(kernel, scratch, SandboxLayout.SCRATCH_SIZE), syscalls);
    calls.closeRange(3 + preservedFds, -1, 0); // the stub image memfd and anything else inherited
    return calls;
  }

  /** clone(CLONE_PARENT): the child's parent is the stub's parent — our caller's process, as runc's init is. */
  private int cloneChild(InjectedSyscalls stub, String what) {
    long rv = stub.raw("clone", CLONE_PARENT | Signals.SIGCHLD, 0, 0, 0, 0);
    if (Errno.isError(rv)) {
      throw new SyscallException("clone", (int) -rv, what);
    }
    int child = injector.lastNewChild() != 0 ? injector.lastNewChild() : (int) rv;
    tracees.add(child);
    awaitFirstStop(child, what);
    return child;
  }

  /**
   * An exec'd process: its host pid, its wait status once it exits, and with a terminal the pty master (an fd of
   * this process, owned by the caller).
   */
  public record ExecHandle(int pid, CompletableFuture<WaitStatus> exit, OptionalInt consoleMaster) {}

  /**
   * Moves the terminal's master from the tracee into this process (pidfd_getfd, Linux 5.6), so that nothing in
   * the container keeps it: the caller sends it to the console socket or relays it.
   */
  private OptionalInt takeConsoleMaster(InjectedSyscalls tracee, int fdInTracee) {
    if (fdInTracee < 0) {
      return OptionalInt.empty();
    }
    int pidfd = kernel.pidfdOpen(tracee.pid());
    try {
      int local = kernel.pidfdGetfd(pidfd, fdInTracee);
      tracee.close(fdInTracee);
      return OptionalInt.of(local);
    } finally {
      kernel.close(pidfd);
    }
  }

  /** The container's terminal master (process.terminal), once; the caller owns the fd. */
  public OptionalInt takeConsoleMaster() {
    OptionalInt master = consoleMaster;
    consoleMaster = OptionalInt.empty();
    return master;
  }

  /**
   * Runs an additional process in the container (runc exec): a fresh stub enters the init's namespaces and clones
   * the process, which gets {@code process}'s credentials and is traced like every other container process.
   *
   * @param adoptedStub a stub the caller spawned (its stdio becomes the process's, and the process becomes the
   *     caller's child, so the caller can wait for it); empty to spawn one here with {@code stdio}
   */
  public ExecHandle exec(ContainerConfig.ProcessConfig process, OptionalInt adoptedStub,
      java.util.Map<Integer, Integer> stdio) {
    return tracer.call(() -> {
      if (initPid == 0 || exit.isDone()) {
        throw new IllegalStateException("cannot exec: the container's init is not running");
      }
      InjectedSyscalls stub = prepareStub(adoptedStub, stdio, 0);
      int child = 0;
      OptionalInt execMaster = OptionalInt.empty();
      try {
        dev.bramble.runtime.setup.ExecSetup setup = new dev.bramble.runtime.setup.ExecSetup(config, process,
            dev.bramble.runtime.config.Capability.hostLast(), this::installSyscallFilters);
        setup.enterNamespaces(stub, initPid);
        child = cloneChild(stub, "exec process");
        InjectedSyscalls calls = new InjectedSyscalls(child, injector,
            new ScratchArena(kernel, stub.scratchBase(), SandboxLayout.SCRATCH_SIZE), syscalls);
        int masterInChild = setup.prepareProcess(calls, OpenFlags.of(arch));
        execMaster = takeConsoleMaster(calls, masterInChild);
        EntrypointExec.exec(calls, process.args(), process.env());
      } catch (RuntimeException e) {
        if (child != 0) {
          kernel.kill(child, Signals.SIGKILL);
          reap(child);
          tracees.remove(child);
        }
        throw e;
      } finally {
        kernel.kill(stub.pid(), Signals.SIGKILL); // its job is done; its parent collects it
      }
      CompletableFuture<WaitStatus> done = new CompletableFuture<>();
      execExits.put(child, done);
      List<Integer> held = injector.takeDeferredSignals();
      resume(child, 0);
      for (int sig : held) {
        kernel.kill(child, sig);
      }
      return new ExecHandle(child, done, execMaster);
    });
  }

  /** Runs the entrypoint: PATH search and execve in the init, then the container runs traced. */
  public void start(List<String> args, List<String> env) {
    tracer.call(() -> {
      if (started) {
        throw new IllegalStateException("container already started");
      }
      if (exit.isDone()) {
        throw new IllegalStateException("container init has already exited");
      }
      try {
        beforeEntrypoint.accept(initPid);
        EntrypointExec.exec(init, args, env);
      } catch (RuntimeException e) {
        kernel.kill(initPid, Signals.SIGKILL);
        throw e;
      }
      started = true;
      List<Integer> held = injector.takeDeferredSignals();
      resume(initPid, 0);
      for (int sig : held) {
        kernel.kill(initPid, sig);
      }
      log.debug(Timeline.stamp() + "sentry: entrypoint of init " + initPid + " running");
      return null;
    });
  }

  /** Sends a signal to the init, or with {@code all} to every container process. */
  public void signal(int sig, boolean all) {
    if (!started) {
      tracer.call(() -> {
        signalCreated(sig);
        return null;
      });
      return;
    }
    for (int pid : all ? Set.copyOf(tracees) : Set.of(initPid)) {
      try {
        kernel.kill(pid, sig);
      } catch (SyscallException e) {
        if (e.errno() != Errno.ESRCH) {
          throw e;
        }
      }
    }
  }

  /**
   * Before start the init is a puppet stopped at a syscall boundary, and resuming it as it is would run whatever its
   * registers hold. runc's init at this point is runc's own code, which dies of any signal whose default action
   * ends a process; ours gets the same end by an injected exit_group(128 + signal) — the status a shell and
   * containerd report for death by that signal (a pid-namespace init cannot die of a defaulted signal other than
   * SIGKILL). Other signals are dropped.
   */
  private void signalCreated(int sig) {
    if (exit.isDone()) {
      return;
    }
    if (sig == Signals.SIGKILL) {
      kernel.kill(initPid, sig);
    } else if (terminatesByDefault(sig)) {
      injector.launch(initPid, syscalls.require("exit_group"), 128 + sig);
    }
  }

  static boolean terminatesByDefault(int sig) {
    return sig != Signals.SIGCHLD && sig != Signals.SIGCONT && sig != Signals.SIGURG && sig != Signals.SIGWINCH
        && !Signals.isStopSignal(sig) && sig > 0;
  }

  /**
   * Called with every stub pid (the container's and each exec's) right after it is spawned or adopted, while it is
   * still stopped — e.g. to put it into the container's cgroup before it does anything.
   */
  public void onStub(java.util.function.IntConsumer listener) {
    this.stubListener = listener;
  }

  /**
   * Called on the tracer thread with the init's pid once its namespaces and mounts exist, just before pivot_root
   * (OCI prestart, createRuntime and createContainer hooks). Throwing fails the create.
   */
  public void onBeforePivot(java.util.function.IntConsumer listener) {
    this.beforePivot = listener;
  }

  /**
   * Called on the tracer thread with the init's pid at start, just before the entrypoint's execve (OCI
   * startContainer hooks). Throwing fails the start and kills the init.
   */
  public void onBeforeEntrypoint(java.util.function.IntConsumer listener) {
    this.beforeEntrypoint = listener;
  }

  /** The kernel seam this sentry works through (its host hands fds around with it). */
  public LinuxKernel kernel() {
    return kernel;
  }

  public int initPid() {
    return initPid;
  }

  public boolean started() {
    return started;
  }

  /** Host pids of every live container process. */
  public Set<Integer> pids() {
    return Set.copyOf(tracees);
  }

  /** Completes with the init's wait status when it exits. */
  public CompletableFuture<WaitStatus> exit() {
    return exit;
  }

  /** Completes once every process of the container is gone. */
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Kills the container (if anything is left) and stops the tracer thread. */
  @Override
  public void close() {
    if (tracer.isCurrent()) {
      killEverything();
    } else {
      try {
        tracer.call(() -> {
          killEverything();
          return null;
        });
      } catch (IllegalStateException alreadyStopped) {
        // the tracer thread is gone, and with it (PTRACE_O_EXITKILL) every tracee
      }
    }
    tracer.shutdown();
  }

  // ---- tracer-thread internals ------------------------------------------------------------------------------

  private void awaitFirstStop(int pid, String what) {
    while (true) {
      WaitStatus s = kernel.waitpid(pid, Ptrace.WALL | Ptrace.WNOTHREAD);
      switch (StopKind.of(s)) {
        case EXITED, KILLED -> throw new TraceeExitedException(what, s);
        case GROUP_STOP, TRAP_STOP -> {
          return;
        }
        case SIGNAL_DELIVERY -> {
          if (s.stopSignal() == Signals.SIGSTOP) {
            return; // the stub's own SIGSTOP, caught on its way: suppressed by the next resume
          }
          kernel.ptraceCont(pid, 0);
        }
        default -> kernel.ptraceCont(pid, 0);
      }
    }
  }

  /** The injection scratch region, placed just under the measured top of user space. */
  private long mapScratch(int stub) {
    int mmap = syscalls.require("mmap");
    for (int attempt = 0; attempt < SCRATCH_ATTEMPTS; attempt++) {
      long want = layout.scratchCandidate(attempt);
      long got = injector.inject(stub, mmap, want, SandboxLayout.SCRATCH_SIZE, PROT_READ_WRITE,
          MAP_PRIVATE_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
      if (!Errno.isError(got)) {
        return got;
      }
      if (got != -Errno.EEXIST) {
        throw new SyscallException("mmap", (int) -got, "sentry scratch region at 0x" + Long.toHexString(want));
      }
    }
    throw new SyscallException("mmap", Errno.EEXIST, "sentry scratch region: no free slot under the top of "
        + "user space (0x" + Long.toHexString(layout.taskSize()) + ")");
  }

  /** Parks the stub in ppoll(NULL, 0, NULL, NULL): it sleeps until the doorbell signal, then sleeps again. */
  private void park(int stub) {
    injector.launch(stub, syscalls.require("ppoll"), 0, 0, 0, 0, 0);
    tracer.enterEventMode(this::ringDoorbell, this::pumpOnce);
  }

  private void ringDoorbell() {
    try {
      kernel.kill(stubPid, Signals.SIGURG);
    } catch (SyscallException e) {
      // the stub is gone: the event loop is ending anyway
    }
  }

  /**
   * A stop storm (trap-all mode, strace, a burst of forks) is when a tracee's next stop follows within tens of
   * microseconds: then blocking in waitpid costs more than the stop itself, because a blocked tracer thread must be
   * woken on another CPU (measured on a 2-vCPU VM: ~50 µs a trapped syscall blocking, ~16 µs polling). So right
   * after a stop the tracer polls for up to {@link #POLL_NANOS} before it blocks again; outside storms it blocks.
   */
  private static final long STORM_NANOS = 200_000, POLL_NANOS = 100_000;
  private long lastStop;

  private WaitStatus awaitStop() {
    if (System.nanoTime() - lastStop < STORM_NANOS) {
      long until = System.nanoTime() + POLL_NANOS;
      do {
        WaitStatus s = kernel.waitpid(-1, Ptrace.WALL | Ptrace.WNOTHREAD | Ptrace.WNOHANG);
        if (s.pid() != 0) {
          lastStop = System.nanoTime();
          return s;
        }
      } while (System.nanoTime() < until);
    }
    WaitStatus s = kernel.waitpid(-1, Ptrace.WALL | Ptrace.WNOTHREAD);
    lastStop = System.nanoTime();
    return s;
  }

  private boolean pumpOnce() {
    WaitStatus s;
    try {
      s = awaitStop();
    } catch (SyscallException e) {
      if (e.errno() == Errno.ECHILD) {
        finish();
        return false;
      }
      throw e;
    }
    int pid = s.pid();
    StopKind kind = StopKind.of(s);
    if (pid == stubPid) {
      if (kind == StopKind.EXITED || kind == StopKind.KILLED) {
        stubPid = 0;
        return !tracees.isEmpty();
      }
      resume(pid, 0); // the doorbell (or any stray stop): back into ppoll
      return true;
    }
    switch (kind) {
      case EXITED, KILLED -> {
        tracees.remove(pid);
        if (!announced.remove(pid) && pid != initPid && !execExits.containsKey(pid)) {
          exitedUnannounced.add(pid);
        }
        if (sandbox != null) {
          sandbox.stops().onExit(pid);
        }
        if (pid == initPid) {
          exit.complete(s);
        }
        CompletableFuture<WaitStatus> execExit = execExits.remove(pid);
        if (execExit != null) {
          execExit.complete(s);
        }
        if (tracees.isEmpty()) {
          finish();
          return stubPid != 0;
        }
      }
      case NEW_CHILD -> {
        int child = (int) kernel.ptraceEventMessage(pid);
        if (!exitedUnannounced.remove(child)) {
          tracees.add(child);
          announced.add(child);
        }
        resume(pid, 0);
      }
      case TRAP_STOP -> {
        tracees.add(pid); // a new child can report before its parent's fork event
        resume(pid, 0);
      }
      case GROUP_STOP -> listen(pid);
      case SIGNAL_DELIVERY -> resume(pid, s.stopSignal());
      case SECCOMP -> {
        if (sandbox != null) {
          sandbox.stops().onSeccompStop(pid); // decides and resumes
        } else {
          resume(pid, 0);
        }
      }
      case SYSCALL -> {
        if (sandbox == null || !sandbox.stops().onSyscallStop(pid)) {
          resume(pid, 0);
        }
      }
      default -> resume(pid, 0);
    }
    return true;
  }

  /** The global --strace: log every trapped syscall of this container. Set before {@code create}. */
  public void setStrace(boolean strace) {
    this.strace = strace;
  }

  /**
   * Installs the container's seccomp filters (the sandbox filter, then config.json's profile) into a container
   * process stopped for injection. The init and exec'd processes get them from their setup; on the tracer thread.
   */
  public void installSyscallFilters(RemoteSyscalls process) {
    sandbox.installInto(process);
  }

  /** What the sentry saw at seccomp stops so far (trapped, denied, emulated, per syscall); empty before create. */
  public java.util.Optional<dev.bramble.runtime.sentry.policy.SyscallCounters.Snapshot> syscallCounters() {
    dev.bramble.runtime.sentry.policy.SyscallSandbox s = sandbox;
    return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.counters());
  }

  private void finish() {
    if (stubPid != 0) {
      try {
        kernel.kill(stubPid, Signals.SIGKILL);
      } catch (SyscallException e) {
        // already gone
      }
    }
    if (!exit.isDone()) {
      exit.complete(new WaitStatus(initPid, Signals.SIGKILL));
    }
    if (sandbox != null && log.isDebugEnabled()) {
      log.debug("sentry: seccomp stops: " + sandbox.counters().summary());
    }
    stopped.complete(null);
  }

  private void resume(int pid, int sig) {
    try {
      if (sandbox != null && sandbox.stops().awaitsSyscallExit(pid)) {
        kernel.ptraceSyscall(pid, sig); // strace waits for this call's result: keep syscall-exit stops coming
      } else {
        kernel.ptraceCont(pid, sig);
      }
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  private void listen(int pid) {
    try {
      kernel.ptraceListen(pid);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
  }

  /** SIGKILL to every process we know; the event loop (or our caller) reaps them. */
  private void killEverything() {
    for (int pid : List.of(initPid, stubPid)) {
      if (pid > 0) {
        try {
          kernel.kill(pid, Signals.SIGKILL);
        } catch (SyscallException e) {
          // gone already
        }
      }
    }
    for (int pid : Set.copyOf(tracees)) {
      try {
        kernel.kill(pid, Signals.SIGKILL);
      } catch (SyscallException e) {
        // gone already
      }
    }
  }

  /** Collects a SIGKILLed tracee so that a failed create leaves no zombie behind in a long-lived process. */
  private void reap(int pid) {
    if (pid <= 0) {
      return;
    }
    try {
      while (!kernel.waitpid(pid, Ptrace.WALL | Ptrace.WNOTHREAD).terminated()) {
        // a stop reported on its way out: keep collecting
      }
    } catch (SyscallException e) {
      // not ours to reap (ECHILD): its parent will
    }
  }

  private void writeIdMaps(int pid, ContainerConfig config) {
    StringBuilder uid = new StringBuilder();
    config.uidMappings().forEach(m -> uid.append(m.line()));
    StringBuilder gid = new StringBuilder();
    config.gidMappings().forEach(m -> gid.append(m.line()));
    writeProc(pid, "uid_map", uid.toString());
    writeProc(pid, "gid_map", gid.toString());
  }

  private void writeTimeOffsets(int pid, ContainerConfig config) {
    StringBuilder offsets = new StringBuilder();
    config.timeOffsets().forEach(o -> offsets.append(o.clock()).append(' ').append(o.seconds()).append(' ')
        .append(o.nanoseconds()).append('\n'));
    writeProc(pid, "timens_offsets", offsets.toString());
  }

  private static String readProc(int pid, String name) {
    try {
      return ProcFs.read(Path.of("/proc", Integer.toString(pid), name));
    } catch (IOException e) {
      throw new UncheckedIOException("read /proc/" + pid + "/" + name, e);
    }
  }

  private static void writeProc(int pid, String name, String content) {
    try {
      Files.writeString(Path.of("/proc", Integer.toString(pid), name), content);
    } catch (IOException e) {
      throw new UncheckedIOException("write /proc/" + pid + "/" + name, e);
    }
  }

}
