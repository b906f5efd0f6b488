package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * personality(2) setting (config-linux.md "Personality").
 *
 * @param domain LINUX or LINUX32, REQUIRED
 * @param flags additional flags (none defined yet)
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxPersonality(
    String domain, List<String> flags, @Extensions Map<String, JsonNode> extensions) {

  public LinuxPersonality {
    flags = Immutable.list(flags);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxPersonality(String domain, List<String> flags) {
    this(domain, flags, Map.of());
  }
}
