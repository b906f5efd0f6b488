package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * Mount extensions (features-linux.md "MountExtensions").
 *
 * @param idmap id-mapped mount support
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MountExtensionsFeatures(
    EnabledFeature idmap, @Extensions Map<String, JsonNode> extensions) {

  public MountExtensionsFeatures {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public MountExtensionsFeatures(EnabledFeature idmap) {
    this(idmap, Map.of());
  }
}
