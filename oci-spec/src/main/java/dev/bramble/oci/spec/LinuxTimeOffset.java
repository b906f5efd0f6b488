package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.Map;

/**
 * Offset of one clock in a time namespace (config-linux.md "Offset for Time Namespace").
 *
 * @param secs offset in seconds
 * @param nanosecs additional offset in nanoseconds
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxTimeOffset(
    Long secs, @Uint32 Long nanosecs, @Extensions Map<String, JsonNode> extensions) {

  public LinuxTimeOffset {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxTimeOffset(Long secs, Long nanosecs) {
    this(secs, nanosecs, Map.of());
  }
}
