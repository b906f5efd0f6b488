package dev.bramble.runtime.error;

/**
 * A failure bramble can explain: the message says what failed, on what, why, and what to do about it, because the
 * CLI prints it verbatim as the last {@code error} log line (the line containerd reports to the user).
 *
 * <p>Commands throw it (or a subclass); {@code Main} turns it into that log line and the process exit status. Any
 * other exception reaching {@code Main} is treated as a bug: same log line, stack trace under {@code --debug}.
 */
public class BrambleException extends RuntimeException {
  /** runc exits 1 on every error; callers (containerd, podman) only test for non-zero. */
  public static final int EXIT_FAILURE = 1;

  private final int exitCode;

  public BrambleException(String message) {
    this(message, null, EXIT_FAILURE);
  }

  public BrambleException(String message, Throwable cause) {
    this(message, cause, EXIT_FAILURE);
  }

  protected BrambleException(String message, Throwable cause, int exitCode) {
    super(requireText(message), cause);
    if (exitCode < 1 || exitCode > 255) {
      throw new IllegalArgumentException("exit code of a failure must be 1..255, got " + exitCode);
    }
    this.exitCode = exitCode;
  }

  /**
   * Builds the canonical message {@code "<what> <subject>: <why>; <remedy>"}, e.g. {@code "open log file
   * /run/x/log.json: permission denied; pass a writable path to --log"}. Empty parts are left out.
   */
  public static BrambleException of(String what, Object subject, String why, String remedy) {
    return new BrambleException(message(what, subject, why, remedy));
  }

  /** Same as {@link #of} but keeps the underlying exception for {@code --debug} stack traces. */
  public static BrambleException of(String what, Object subject, String why, String remedy, Throwable cause) {
    return new BrambleException(message(what, subject, why, remedy), cause);
  }

  /** A copy of this failure that makes the process exit with {@code code} instead of 1. */
  public BrambleException withExitCode(int code) {
    BrambleException copy = new BrambleException(getMessage(), getCause(), code);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  public int exitCode() {
    return exitCode;
  }

  static String message(String what, Object subject, String why, String remedy) {
    StringBuilder text = new StringBuilder(requireText(what));
    String subjectText = subject == null ? "" : subject.toString();
    if (!subjectText.isEmpty()) {
      text.append(' ').append(subjectText);
    }
    if (why != null && !why.isEmpty()) {
      text.append(": ").append(why);
    }
    if (remedy != null && !remedy.isEmpty()) {
      text.append("; ").append(remedy);
    }
    return text.toString();
  }

  private static String requireText(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a BrambleException needs a message that says what failed");
    }
    return text;
  }
}
