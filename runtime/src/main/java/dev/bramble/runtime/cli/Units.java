package dev.bramble.runtime.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value syntaxes runc's flags accept: memory sizes as Docker writes them ("512m", "1.5g", "1024", binary
 * multiples) and Go durations ("5s", "100ms", "1m30s").
 */
final class Units {
  private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Units() {}

  /** Bytes; "-1" is -1 (unlimited). */
  static long memory(String flag, String value) {
    if (value.equals("-1")) {
      return -1;
    }
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid value for " + flag + ": \"" + value + "\"; use bytes or a size"
          + " such as 512m or 2g (binary multiples), or -1 for no limit");
    }
    double number = Double.parseDouble(m.group(1));
    int shift = m.group(2) == null ? 0 : switch (Character.toLowerCase(m.group(2).charAt(0))) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 50;
    };
    return (long) (number * (1L << shift));
  }

  static Duration duration(String flag, String value) {
    Matcher m = DURATION_PART.matcher(value.trim());
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double n = Double.parseDouble(m.group(1));
      long nanos = (long) (n * switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      });
      total = total.plusNanos(nanos);
      end = m.end();
    }
    if (end == 0 || end != value.trim().length()) {
      throw new IllegalArgumentException("invalid value for " + flag + ": \"" + value + "\"; use a duration such"
          + " as 5s, 500ms or 1m");
    }
    return total;
  }
}
