package dev.bramble.runtime.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Renders one log record as a line in the format runc's logrus writes, so tools that read runc's log (containerd's
 * runc shim, podman, humans used to runc) read bramble's the same way. Hand-written on purpose: no JSON library and
 * no java.time.format classes on the start-up path of every verb.
 */
public final class LogLines {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private LogLines() {}

  /** One line including the trailing newline. */
  public static String render(LogFormat format, LogLevel level, String msg, Instant time) {
    return switch (format) {
      case JSON -> json(level, msg, time);
      case TEXT -> text(level, msg, time);
    };
  }

  /** {@code {"level":"error","msg":"...","time":"2024-05-01T10:00:00.123456789Z"}}: logrus key order (sorted). */
  static String json(LogLevel level, String msg, Instant time) {
    StringBuilder line = new StringBuilder(64 + msg.length());
    line.append("{\"level\":\"").append(level.text()).append("\",\"msg\":");
    appendJsonString(line, msg);
    line.append(",\"time\":\"").append(rfc3339(time)).append("\"}\n");
    return line.toString();
  }

  /** {@code time="..." level=error msg="..."}: logrus quotes a value only when it holds other than [A-Za-z0-9-._/@^+]. */
  static String text(LogLevel level, String msg, Instant time) {
    StringBuilder line = new StringBuilder(64 + msg.length());
    line.append("time=\"").append(rfc3339(time)).append("\" level=").append(level.text()).append(" msg=");
    if (needsQuoting(msg)) {
      appendGoQuoted(line, msg);
    } else {
      line.append(msg);
    }
    return line.append('\n').toString();
  }

  /** RFC 3339 in UTC with nanoseconds, e.g. {@code 2024-05-01T10:00:00.000000001Z}; Go's time parser accepts it. */
  public static String rfc3339(Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2).append('.');
    pad(out, time.getNano(), 9).append('Z');
    return out.toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  static void appendJsonString(StringBuilder out, String text) {
    appendQuoted(out, text, "\\u00");
  }

  static boolean needsQuoting(String text) {
    if (text.isEmpty()) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '/' || c == '@' || c == '^' || c == '+';
      if (!plain) {
        return true;
      }
    }
    return false;
  }

  /** Quotes like Go's {@code %q} does for the characters a log message carries. */
  static void appendGoQuoted(StringBuilder out, String text) {
    appendQuoted(out, text, "\\x");
  }

  /**
   * JSON strings and Go's quoting share the short escapes; they differ only in how another control character is
   * written (JSON's four-digit unicode escape or Go's two-digit hex escape).
   */
  private static void appendQuoted(StringBuilder out, String text, String controlPrefix) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(controlPrefix).append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
