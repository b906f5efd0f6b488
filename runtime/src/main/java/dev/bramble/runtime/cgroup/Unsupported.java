package dev.bramble.runtime.cgroup;

/**
 * A resource setting this host cannot enforce. Create refuses it unless the gate that covers it was downgraded by
 * the operator, in which case it is skipped with a warning — never silently.
 *
 * @param controller the controller it needs
 * @param jsonPath where config.json sets it
 * @param value the value as written
 * @param reason why it cannot be enforced here, and what to do
 */
public record Unsupported(String controller, String jsonPath, String value, String reason) {
  public String describe() {
    return jsonPath + "=" + value + ": " + reason;
  }
}
