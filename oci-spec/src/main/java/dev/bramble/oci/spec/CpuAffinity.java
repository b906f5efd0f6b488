package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * CPU affinity of exec'd processes (config.md "execCPUAffinity"), in cpuset list format.
 *
 * @param initial affinity before joining the container cgroup
 * @param finalCpus affinity after joining the container cgroup (JSON name {@code final})
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuAffinity(
    String initial,
    @JsonProperty("final") String finalCpus,
    @Extensions Map<String, JsonNode> extensions) {

  public CpuAffinity {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public CpuAffinity(String initial, String finalCpus) {
    this(initial, finalCpus, Map.of());
  }

  /** Returns a copy with initial replaced. */
  public CpuAffinity withInitial(String initial) {
    return new CpuAffinity(initial, finalCpus, extensions);
  }
}
