package dev.bramble.runtime.linux;

/** Signal numbers the tracer itself relies on (identical on x86_64 and aarch64). */
public final class Signals {
  public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5, SIGKILL = 9, SIGUSR1 = 10,
      SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
      SIGURG = 23, SIGWINCH = 28;

  /** Names by number, 1..31 (identical on x86_64 and aarch64); real-time signals are RTMIN+n. */
  private static final java.util.List<String> NAMES = java.util.List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP",
      "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT",
      "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
  /** glibc's SIGRTMIN (the kernel's 32 and 33 are reserved for the C library) and SIGRTMAX. */
  public static final int RTMIN = 34, RTMAX = 64;

  private Signals() {}

  /**
   * Parses a signal as runc's kill does: "KILL", "SIGKILL", "kill", "9", "RTMIN+3", "SIGRTMAX-1".
   *
   * @throws IllegalArgumentException naming the input
   */
  public static int parse(String text) {
    String s = text.trim().toUpperCase(java.util.Locale.ROOT);
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    try {
      if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
        int n = Integer.parseInt(s);
        if (n >= 1 && n <= RTMAX) {
          return n;
        }
      } else if (!s.isEmpty() && NAMES.contains(s)) {
        return NAMES.indexOf(s);
      } else if (s.equals("POLL")) {
        return 29;
      } else if (s.equals("IOT")) {
        return 6;
      } else if (s.startsWith("RTMIN") || s.startsWith("RTMAX")) {
        int base = s.startsWith("RTMIN") ? RTMIN : RTMAX;
        int n = s.length() == 5 ? base : base + Integer.parseInt(s.substring(5));
        if (n >= RTMIN && n <= RTMAX) {
          return n;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("unknown signal \"" + text + "\": use a name like TERM or KILL, or a number "
        + "from 1 to " + RTMAX);
  }

  /** Signals that start a group-stop when delivered with their default action. */
  public static boolean isStopSignal(int sig) {
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
  }
}
