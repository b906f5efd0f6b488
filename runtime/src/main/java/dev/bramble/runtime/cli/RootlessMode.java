package dev.bramble.runtime.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The value of runc's global {@code --rootless} flag: {@code true}, {@code false} or {@code auto} (the default). */
public enum RootlessMode {
  TRUE,
  FALSE,
  AUTO;

  /** Parses like runc: {@code auto}, or any spelling Go's {@code strconv.ParseBool} accepts. */
  public static RootlessMode parse(String value) {
    return switch (value) {
      case "auto" -> AUTO;
      case "1", "t", "T", "true", "TRUE", "True" -> TRUE;
      case "0", "f", "F", "false", "FALSE", "False" -> FALSE;
      default -> throw new IllegalArgumentException(
          "invalid --rootless value '" + value + "' (expected true, false or auto)");
    };
  }

  /** picocli glue, so a bad value is reported as a usage error naming the option. */
  static final class Converter implements ITypeConverter<RootlessMode> {
    @Override
    public RootlessMode convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
