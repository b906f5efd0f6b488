package dev.bramble.runtime.container;

import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import dev.bramble.runtime.sentry.StubLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * {@code bramble exec}: this process spawns the stub (so the new process gets our stdio and becomes our child, as
 * runc exec's process is runc's), the container's sentry adopts it and builds the process inside the container,
 * and we wait for it like any child.
 */
public final class ContainerExec {
  private final LinuxKernel kernel;
  private final StateStore store;
  private final ContainerOps ops;

  public ContainerExec(LinuxKernel kernel, StateStore store, ContainerOps ops) {
    this.kernel = kernel;
    this.store = store;
    this.ops = ops;
  }

  /** Returns the process's exit status, or 0 at once with {@code detach}. */
  public int exec(ExecRequest request, SignalForwarding signals) {
    ContainerRecord record = store.require(request.id());
    ContainerStatus status = ops.status(record);
    Transitions.EXEC.require(request.id(), status);
    boolean terminal = Boolean.TRUE.equals(request.process().terminal());
    if (terminal && request.consoleSocket().isEmpty()) {
      throw new BrambleException("exec " + request.id() + ": a terminal (--tty) needs --console-socket to receive "
          + "the pty master; pass one, or run without --tty");
    }
    if (!terminal && request.consoleSocket().isPresent()) {
      throw new BrambleException("exec " + request.id() + ": --console-socket was given without --tty");
    }
    if (request.process().args() == null || request.process().args().isEmpty()) {
      throw new BrambleException("exec " + request.id() + ": no command given; pass one after the container id "
          + "or in --process");
    }
    Path processJson = store.file(request.id(), "exec-" + UUID.randomUUID() + ".json");
    int stub = -1;
    int pid;
    try {
      Files.writeString(processJson, SpecWriter.toJson(request.process()));
      stub = StubLauncher.spawn(kernel, Arch.host().stub());
      pid = Integer.parseInt(ControlSocket.request(ControlSocket.pathFor(store, request.id()),
          "exec " + stub + " " + processJson
              + request.consoleSocket().map(s -> " " + s.toAbsolutePath()).orElse("")));
    } catch (IOException e) {
      throw new BrambleException("exec " + request.id() + ": write " + processJson + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(processJson);
      } catch (IOException e) {
        // the state directory goes away with the container
      }
      if (stub > 0) {
        reap(stub);
      }
    }
    if (request.pidFile().isPresent()) {
      PidFile.write(request.pidFile().get(), pid);
    }
    if (request.detach()) {
      return 0;
    }
    try (SignalForwarding.Registration forwarding = signals.forwardTo(sig -> signal(pid, sig))) {
      return kernel.waitpid(pid, 0).shellStatus();
    }
  }

  private void signal(int pid, int sig) {
    try {
      kernel.kill(pid, sig);
    } catch (SyscallException e) {
      // already gone
    }
  }

  /** The stub is our child: collect it (the sentry killed it once the process was built, or on failure). */
  private void reap(int stub) {
    try {
      kernel.kill(stub, Signals.SIGKILL);
    } catch (SyscallException e) {
      // gone already
    }
    try {
      WaitStatus s;
      do {
        s = kernel.waitpid(stub, Ptrace.WALL);
      } while (!s.terminated());
    } catch (SyscallException e) {
      // nothing to collect
    }
  }
}
