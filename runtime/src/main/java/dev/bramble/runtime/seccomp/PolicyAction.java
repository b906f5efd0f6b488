package dev.bramble.runtime.seccomp;

/** What a row of the sandbox policy does with the syscalls it matches. Unlisted syscalls are allowed. */
public enum PolicyAction {
  /** Trap to the sentry, which writes an audit line and fails the call with the row's errno. */
  DENY("deny"),
  /** Fail the call with the row's errno in the filter itself: no round trip, no audit line. */
  ERRNO("errno"),
  /** Trap to the sentry, whose named handler decides from registers (emulate, run, or deny). */
  TRAP("trap"),
  /** Kill the whole process in the filter. */
  KILL("kill");

  private final String word;

  PolicyAction(String word) {
    this.word = word;
  }

  /** How the action is spelt in the policy table ({@code deny:EPERM}, {@code trap:uname}, {@code kill}). */
  public String word() {
    return word;
  }
}
