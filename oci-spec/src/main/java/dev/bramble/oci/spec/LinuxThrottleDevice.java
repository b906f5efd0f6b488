package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * Rate limit of one block device (config-linux.md "throttle*Device").
 *
 * @param major major number, REQUIRED
 * @param minor minor number, REQUIRED
 * @param rate rate limit, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxThrottleDevice(
    Long major, Long minor, @Uint64 Long rate, @Extensions Map<String, JsonNode> extensions) {

  public LinuxThrottleDevice {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxThrottleDevice(Long major, Long minor, Long rate) {
    this(major, minor, rate, Map.of());
  }
}
