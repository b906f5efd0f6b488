package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.Map;

/**
 * A uid or gid range mapping (config-linux.md "User namespace mappings").
 *
 * @param containerID first id in the container, REQUIRED
 * @param hostID first id on the host, REQUIRED
 * @param size number of ids, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxIdMapping(
    @Uint32 Long containerID,
    @Uint32 Long hostID,
    @Uint32 Long size,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxIdMapping {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxIdMapping(Long containerID, Long hostID, Long size) {
    this(containerID, hostID, size, Map.of());
  }
}
