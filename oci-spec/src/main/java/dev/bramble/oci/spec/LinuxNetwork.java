package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.List;
import java.util.Map;

/**
 * net_cls and net_prio settings (config-linux.md "Network").
 *
 * @param classID net_cls class id
 * @param priorities net_prio priorities per interface
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxNetwork(
    @Uint32 Long classID,
    List<LinuxInterfacePriority> priorities,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxNetwork {
    priorities = Immutable.list(priorities);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxNetwork(Long classID, List<LinuxInterfacePriority> priorities) {
    this(classID, priorities, Map.of());
  }
}
