package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint16;
import java.util.Map;

/**
 * Weight of one block device (config-linux.md "weightDevice").
 *
 * @param major major number, REQUIRED
 * @param minor minor number, REQUIRED
 * @param weight weight
 * @param leafWeight weight against child cgroups
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxWeightDevice(
    Long major,
    Long minor,
    @Uint16 Integer weight,
    @Uint16 Integer leafWeight,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxWeightDevice {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxWeightDevice(Long major, Long minor, Integer weight, Integer leafWeight) {
    this(major, minor, weight, leafWeight, Map.of());
  }
}
