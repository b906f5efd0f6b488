package dev.bramble.runtime.log;

/**
 * Milliseconds since this JVM started bramble's code, for `--debug` lines that show where a verb spends its time
 * (startup is bramble's known cost; these lines are how it was profiled).
 */
public final class Timeline {
  private static final long START = System.nanoTime();

  private Timeline() {}

  /** "[123 ms] " */
  public static String stamp() {
    return "[" + (System.nanoTime() - START) / 1_000_000 + " ms] ";
  }
}
