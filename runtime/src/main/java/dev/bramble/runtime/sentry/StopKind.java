package dev.bramble.runtime.sentry;

import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.WaitStatus;

/** Every kind of ptrace report a traced process can produce, decoded from the waitpid status word (ptrace(2)). */
public enum StopKind {
  EXITED,
  KILLED,
  /** A syscall-entry or -exit stop (SIGTRAP|0x80 under PTRACE_O_TRACESYSGOOD). */
  SYSCALL,
  /** PTRACE_EVENT_SECCOMP: a SECCOMP_RET_TRACE rule fired. */
  SECCOMP,
  EXEC,
  /** PTRACE_EVENT_FORK/VFORK/CLONE: the event message holds the new tracee. */
  NEW_CHILD,
  VFORK_DONE,
  EXIT_EVENT,
  /** PTRACE_EVENT_STOP with a stopping signal: the tracee entered a group-stop (job control). */
  GROUP_STOP,
  /** PTRACE_EVENT_STOP with SIGTRAP: a new auto-attached tracee's first stop, PTRACE_INTERRUPT, or leaving a group-stop. */
  TRAP_STOP,
  /** A signal is about to be delivered; the tracer decides whether it is. */
  SIGNAL_DELIVERY;

  public static StopKind of(WaitStatus s) {
    if (s.exited()) {
      return EXITED;
    }
    if (s.signaled()) {
      return KILLED;
    }
    if (s.syscallStop()) {
      return SYSCALL;
    }
    return switch (s.event()) {
      case 0 -> SIGNAL_DELIVERY;
      case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE -> NEW_CHILD;
      case Ptrace.EVENT_EXEC -> EXEC;
      case Ptrace.EVENT_VFORK_DONE -> VFORK_DONE;
      case Ptrace.EVENT_EXIT -> EXIT_EVENT;
      case Ptrace.EVENT_SECCOMP -> SECCOMP;
      case Ptrace.EVENT_STOP -> Signals.isStopSignal(s.stopSignal()) ? GROUP_STOP : TRAP_STOP;
      default -> throw new IllegalArgumentException("unknown ptrace event " + s.event() + " in " + s);
    };
  }
}
