package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * Console size of a terminal (config.md "consoleSize").
 *
 * @param height rows, REQUIRED
 * @param width columns, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Box(
    @Uint64 Long height, @Uint64 Long width, @Extensions Map<String, JsonNode> extensions) {

  public Box {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Box(Long height, Long width) {
    this(height, width, Map.of());
  }
}
