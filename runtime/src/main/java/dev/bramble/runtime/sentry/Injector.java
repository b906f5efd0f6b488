package dev.bramble.runtime.sentry;

import dev.bramble.runtime.arch.RegisterLayout;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.WaitStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a stopped tracee execute one syscall of the sentry's choosing: point its program counter at the stub's
 * syscall instruction (the trampoline), load number and arguments, step it through syscall entry and exit with
 * PTRACE_SYSCALL, and read the result. This is how bramble builds a container without ever forking the JVM.
 *
 * <p>Must run on the tracer thread. Stops that happen on the way are handled here: fork/clone events name the new
 * child, an exec event ends an execve, seccomp and group stops are passed over, and signals are held back (the
 * tracee is a puppet until its entrypoint runs; {@link #takeDeferredSignals} hands them to whoever resumes it).
 */
final class Injector {
  /** Marks a successful execve: the tracee now runs the new image and is stopped at its exec event. */
  static final long EXECUTED = Long.MIN_VALUE;
  /** At most this many runs of one injected syscall that signals keep interrupting. */
  static final int MAX_RESTARTS = 8;
  private static final long POLL_NANOS = 100_000;

  private final LinuxKernel kernel;
  private final RegisterLayout layout;
  private final long trampoline;
  private final long[] regs;
  private final List<Integer> deferredSignals = new ArrayList<>();
  private int lastNewChild;

  Injector(LinuxKernel kernel, RegisterLayout layout, long trampoline) {
    this.kernel = kernel;
    this.layout = layout;
    this.trampoline = trampoline;
    this.regs = new long[layout.slotCount()];
  }

  /**
   * Runs syscall {@code nr} in stopped tracee {@code tid}; returns the raw result (a negative errno on failure),
   * or {@link #EXECUTED} once an execve replaced the image.
   */
  long inject(int tid, int nr, long... args) {
    for (int attempt = 1; ; attempt++) {
      long result = injectOnce(tid, nr, args);
      if (!restartRequested(result) || attempt == MAX_RESTARTS) {
        return result;
      }
    }
  }

  /**
   * ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK (include/linux/errno.h): a signal interrupted
   * the syscall and the kernel would restart it on the way back to user space — but the tracer sees the value at the
   * exit stop and the next injection rewrites the registers first, so the injector runs it again itself (the signal
   * is held back like any other). Never returned to a program: these are not errnos.
   */
  static boolean restartRequested(long result) {
    return result == -512 || result == -513 || result == -514 || result == -516;
  }

  private long injectOnce(int tid, int nr, long... args) {
    lastNewChild = 0;
    kernel.readRegisters(tid, regs);
    layout.prepareInjection(regs, trampoline, nr, args);
    kernel.writeRegisters(tid, regs);
    if (!layout.syscallNumberInRegset()) {
      // aarch64: forget the interrupted syscall so the restart logic cannot rewind pc over our trampoline
      kernel.writeSystemCallNumber(tid, -1);
    }
    int syscallStops = 0;
    while (true) {
      kernel.ptraceSyscall(tid, 0);
      WaitStatus s = awaitStop(tid);
      if (s.terminated()) {
        throw new TraceeExitedException("injected syscall " + nr, s);
      }
      if (s.syscallStop()) {
        if (++syscallStops == 2) {
          kernel.readRegisters(tid, regs);
          return layout.returnValue(regs);
        }
        continue;
      }
      switch (s.event()) {
        case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE ->
            lastNewChild = (int) kernel.ptraceEventMessage(tid);
        case Ptrace.EVENT_EXEC -> {
          return EXECUTED;
        }
        case Ptrace.EVENT_SECCOMP, Ptrace.EVENT_STOP, Ptrace.EVENT_VFORK_DONE, Ptrace.EVENT_EXIT -> {
          // our own syscall meeting the container's filter, a group/interrupt stop: nothing to decide
        }
        default -> holdBack(s.stopSignal());
      }
    }
  }

  /**
   * The tracee's next stop. An injected syscall stops again within microseconds, and a tracer blocked in waitpid
   * must first be woken on another CPU (~50 µs a stop on a 2-vCPU VM; a container's setup makes hundreds of stops),
   * so poll for a moment before blocking — as the event loop does in a stop storm.
   */
  private WaitStatus awaitStop(int tid) {
    long until = System.nanoTime() + POLL_NANOS;
    do {
      WaitStatus s = kernel.waitpid(tid, Ptrace.WALL | Ptrace.WNOTHREAD | Ptrace.WNOHANG);
      if (s.pid() != 0) {
        return s;
      }
    } while (System.nanoTime() < until);
    return kernel.waitpid(tid, Ptrace.WALL | Ptrace.WNOTHREAD);
  }

  private void holdBack(int signal) {
    // SIGCHLD reaches the stub when its children change state and SIGURG is the sentry's doorbell: never useful
    // to a process that has not started; anything else is delivered once the entrypoint runs.
    if (signal != Signals.SIGCHLD && signal != Signals.SIGURG && !Signals.isStopSignal(signal)) {
      deferredSignals.add(signal);
    }
  }

  /** The pid of the child a fork/clone produced during the last injection, 0 if none. */
  int lastNewChild() {
    return lastNewChild;
  }

  /** Signals that arrived while the tracee was a puppet, in arrival order; clears the list. */
  List<Integer> takeDeferredSignals() {
    List<Integer> out = List.copyOf(deferredSignals);
    deferredSignals.clear();
    return out;
  }

  /** Sets up {@code tid} to run syscall {@code nr} and lets it go without waiting (exit_group, a blocking wait). */
  void launch(int tid, int nr, long... args) {
    kernel.readRegisters(tid, regs);
    layout.prepareInjection(regs, trampoline, nr, args);
    kernel.writeRegisters(tid, regs);
    if (!layout.syscallNumberInRegset()) {
      kernel.writeSystemCallNumber(tid, -1);
    }
    kernel.ptraceCont(tid, 0);
  }
}
