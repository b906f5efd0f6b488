package dev.bramble.runtime.linux;

/**
 * One result of waitpid(2): the pid and the raw status word, decoded the way the kernel encodes it
 * (include/uapi/linux/wait.h and ptrace(2) "Stopped states").
 */
public record WaitStatus(int pid, int raw) {
  /** What waitpid with WNOHANG returns when nothing changed. */
  public static final WaitStatus NONE = new WaitStatus(0, 0);

  public boolean exited() {
    return (raw & 0x7f) == 0;
  }

  public int exitCode() {
    return (raw >> 8) & 0xff;
  }

  public boolean signaled() {
    int low = raw & 0x7f;
    return low != 0 && low != 0x7f;
  }

  public int termSignal() {
    return raw & 0x7f;
  }

  public boolean stopped() {
    return (raw & 0xff) == 0x7f;
  }

  public int stopSignal() {
    return (raw >> 8) & 0xff;
  }

  /** The PTRACE_EVENT_* number of an event stop, 0 otherwise. */
  public int event() {
    return (raw >>> 16) & 0xffff;
  }

  /** A syscall-entry/exit stop under PTRACE_O_TRACESYSGOOD reports SIGTRAP|0x80. */
  public boolean syscallStop() {
    return stopped() && stopSignal() == (Signals.SIGTRAP | 0x80);
  }

  /** Exit status as a shell (and runc) reports it: the exit code, or 128 + the killing signal. */
  public int shellStatus() {
    return exited() ? exitCode() : 128 + termSignal();
  }

  public boolean terminated() {
    return exited() || signaled();
  }

  @Override
  public String toString() {
    if (pid == 0) {
      return "no change";
    }
    if (exited()) {
      return pid + " exited(" + exitCode() + ")";
    }
    if (signaled()) {
      return pid + " killed(signal " + termSignal() + ")";
    }
    if (stopped()) {
      if (syscallStop()) {
        return pid + " syscall-stop";
      }
      return event() != 0
          ? pid + " event-stop(event " + event() + ", signal " + stopSignal() + ")"
          : pid + " signal-stop(signal " + stopSignal() + ")";
    }
    return pid + " status 0x" + Integer.toHexString(raw);
  }
}
