package dev.bramble.runtime.cli;

/** The value of runc's global {@code --rootless} flag: {@code true}, {@code false} or {@code auto} (the default). */
public enum RootlessMode {
  TRUE,
  FALSE,
  AUTO;

  /** Parses like runc: {@code auto}, or any spelling Go's {@code strconv.ParseBool} accepts. */
  public static RootlessMode parse(String value) {
    if (value.equals("auto")) {
      return AUTO;
    }
    return ArgParser.parseBool(value).map(yes -> yes ? TRUE : FALSE).orElseThrow(() -> new IllegalArgumentException(
        "invalid --rootless value '" + value + "' (expected true, false or auto)"));
  }
}
