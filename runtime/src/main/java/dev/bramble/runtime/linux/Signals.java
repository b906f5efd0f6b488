package dev.bramble.runtime.linux;

/** Signal numbers the tracer itself relies on (identical on x86_64 and aarch64). */
public final class Signals {
  public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5, SIGKILL = 9, SIGUSR1 = 10,
      SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
      SIGURG = 23, SIGWINCH = 28;

  private Signals() {}

  /** Signals that start a group-stop when delivered with their default action. */
  public static boolean isStopSignal(int sig) {
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
  }
}
