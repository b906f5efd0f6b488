package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * The container's root filesystem (config.md "Root").
 *
 * @param path root filesystem path, absolute or relative to the bundle, REQUIRED
 * @param readonly make the root filesystem read-only inside the container
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Root(String path, Boolean readonly, @Extensions Map<String, JsonNode> extensions) {

  public Root {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Root(String path, Boolean readonly) {
    this(path, readonly, Map.of());
  }

  /** Returns a copy with readonly replaced. */
  public Root withReadonly(Boolean readonly) {
    return new Root(path, readonly, extensions);
  }
}
