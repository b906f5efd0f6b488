package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * One device cgroup rule (config-linux.md "Device allowlist").
 *
 * @param allow allow or deny, REQUIRED
 * @param type a (all), c or b
 * @param major major number; absent means all
 * @param minor minor number; absent means all
 * @param access combination of r, w, m
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxDeviceCgroup(
    Boolean allow,
    String type,
    Long major,
    Long minor,
    String access,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxDeviceCgroup {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxDeviceCgroup(Boolean allow, String type, Long major, Long minor, String access) {
    this(allow, type, major, minor, access, Map.of());
  }
}
