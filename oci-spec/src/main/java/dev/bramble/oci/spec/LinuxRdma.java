package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.Map;

/**
 * rdma limits of one device (config-linux.md "RDMA").
 *
 * @param hcaHandles maximum HCA handles
 * @param hcaObjects maximum HCA objects
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxRdma(
    @Uint32 Long hcaHandles,
    @Uint32 Long hcaObjects,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxRdma {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxRdma(Long hcaHandles, Long hcaObjects) {
    this(hcaHandles, hcaObjects, Map.of());
  }
}
