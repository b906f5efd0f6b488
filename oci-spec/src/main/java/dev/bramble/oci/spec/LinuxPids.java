package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * pids controller (config-linux.md "PIDs").
 *
 * @param limit maximum number of tasks; -1 or 0 means no limit
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxPids(Long limit, @Extensions Map<String, JsonNode> extensions) {

  public LinuxPids {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxPids(Long limit) {
    this(limit, Map.of());
  }
}
