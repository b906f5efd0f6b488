package dev.bramble.runtime.sentry;

import dev.bramble.runtime.linux.WaitStatus;

/** A tracee died while the sentry was driving it (killed from outside, or an injected exit). */
public final class TraceeExitedException extends RuntimeException {
  private final transient WaitStatus status;

  public TraceeExitedException(String what, WaitStatus status) {
    super(what + ": process " + status.pid() + " ended unexpectedly ("
        + (status.exited() ? "exit code " + status.exitCode() : "killed by signal " + status.termSignal()) + ")");
    this.status = status;
  }

  public WaitStatus status() {
    return status;
  }
}
