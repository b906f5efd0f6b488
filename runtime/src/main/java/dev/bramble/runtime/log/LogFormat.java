package dev.bramble.runtime.log;

/** The two line formats runc offers through {@code --log-format}. */
public enum LogFormat {
  /** logrus text: {@code time="..." level=error msg="..."}. */
  TEXT("text"),
  /** one JSON object per line with exactly the keys {@code level}, {@code msg}, {@code time}. */
  JSON("json");

  private final String text;

  LogFormat(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Parses a {@code --log-format} value exactly as runc does (lower case only). */
  public static LogFormat parse(String text) {
    for (LogFormat format : values()) {
      if (format.text.equals(text)) {
        return format;
      }
    }
    throw new IllegalArgumentException("invalid log-format: " + text + " (expected text or json)");
  }
}
