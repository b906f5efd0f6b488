package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * A feature described only by whether support is compiled in (apparmor, selinux, intelRdt,
 * netDevices).
 *
 * @param enabled support compiled in; null means unknown
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnabledFeature(Boolean enabled, @Extensions Map<String, JsonNode> extensions) {

  public EnabledFeature {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public EnabledFeature(Boolean enabled) {
    this(enabled, Map.of());
  }
}
