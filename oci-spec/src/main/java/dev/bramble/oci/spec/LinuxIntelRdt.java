package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * Intel RDT settings (config-linux.md "IntelRdt", v1.2 fields).
 *
 * @param closID resctrl class of service (directory name)
 * @param l3CacheSchema L3 cache schema line(s)
 * @param memBwSchema memory bandwidth schema line
 * @param enableCMT enable cache monitoring
 * @param enableMBM enable memory bandwidth monitoring
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxIntelRdt(
    String closID,
    String l3CacheSchema,
    String memBwSchema,
    Boolean enableCMT,
    Boolean enableMBM,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxIntelRdt {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxIntelRdt(
      String closID,
      String l3CacheSchema,
      String memBwSchema,
      Boolean enableCMT,
      Boolean enableMBM) {
    this(closID, l3CacheSchema, memBwSchema, enableCMT, enableMBM, Map.of());
  }
}
