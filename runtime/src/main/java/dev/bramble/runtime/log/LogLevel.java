package dev.bramble.runtime.log;

/** The logrus levels bramble writes, spelled as logrus spells them (containerd matches on {@code "error"}). */
public enum LogLevel {
  DEBUG("debug"),
  INFO("info"),
  WARNING("warning"),
  ERROR("error");

  private final String text;

  LogLevel(String text) {
    this.text = text;
  }

  /** The spelling in log lines: {@code debug}, {@code info}, {@code warning}, {@code error}. */
  public String text() {
    return text;
  }

  /** Parses a level read back from a log line (a child process forwarding its logs); accepts {@code warn} too. */
  public static LogLevel parse(String text) {
    for (LogLevel level : values()) {
      if (level.text.equals(text)) {
        return level;
      }
    }
    if ("warn".equals(text)) {
      return WARNING;
    }
    throw new IllegalArgumentException("unknown log level '" + text + "' (expected debug, info, warning or error)");
  }
}
