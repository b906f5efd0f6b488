package dev.bramble.runtime.error;

/**
 * The advice bramble gives when something fails, kept in one place so the wording stays consistent and can be
 * reviewed as a whole. Each entry completes the sentence "... ; &lt;remedy&gt;".
 */
public final class Remedies {
  public static final String RUN_HELP = "run 'bramble --help' for the list of verbs and options";
  public static final String ROOTLESS_NOT_SUPPORTED =
      "run bramble as root and pass --rootless=false or --rootless=auto (or leave --rootless out)";
  public static final String WRITABLE_LOG_FILE = "pass a writable file to --log, or leave --log out to log to stderr";
  public static final String REMOVE_EXISTING_CONFIG = "Remove it first";
  public static final String WRITABLE_BUNDLE = "pass an existing, writable bundle directory with --bundle";
  public static final String REPORT_BUG = "this is a bug in bramble; rerun with --debug and report the stack trace";

  private Remedies() {}
}
