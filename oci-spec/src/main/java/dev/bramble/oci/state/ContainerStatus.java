package dev.bramble.oci.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code status} of a container (runtime.md "State"). {@code paused} is not in the spec's list
 * but runc, crun and containerd use it, so it is accepted and written.
 */
public enum ContainerStatus {
  CREATING,
  CREATED,
  RUNNING,
  STOPPED,
  PAUSED;

  /** The JSON spelling: lower case. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON spelling.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static ContainerStatus fromJson(String value) {
    for (ContainerStatus status : values()) {
      if (status.jsonName().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown container status \"" + value + "\"; expected one of " + allowed());
  }

  /** The allowed JSON spellings, comma separated. */
  public static String allowed() {
    return Arrays.stream(values()).map(ContainerStatus::jsonName).collect(Collectors.joining(", "));
  }
}
