package dev.bramble.runtime.gate;

/** A gate's verdict: the container can be created (PASS), can but something is off (WARN), or must not (FAIL). */
public enum GateStatus {
  PASS,
  WARN,
  FAIL;

  /** Lower-case name for JSON and log lines. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
