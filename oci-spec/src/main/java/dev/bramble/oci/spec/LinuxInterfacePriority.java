package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.Map;

/**
 * net_prio priority of one interface.
 *
 * @param name interface name, REQUIRED
 * @param priority priority, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxInterfacePriority(
    String name, @Uint32 Long priority, @Extensions Map<String, JsonNode> extensions) {

  public LinuxInterfacePriority {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxInterfacePriority(String name, Long priority) {
    this(name, priority, Map.of());
  }
}
