package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * Memory controller limits (config-linux.md "Memory"); -1 means unlimited.
 *
 * @param limit memory limit in bytes
 * @param reservation soft limit in bytes
 * @param swap memory plus swap limit in bytes
 * @param kernel deprecated kernel memory limit
 * @param kernelTCP kernel TCP buffer limit
 * @param swappiness swappiness, 0 to 100
 * @param disableOOMKiller disable the OOM killer
 * @param useHierarchy hierarchical accounting (cgroup v1)
 * @param checkBeforeUpdate refuse an update below current usage
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxMemory(
    Long limit,
    Long reservation,
    Long swap,
    Long kernel,
    Long kernelTCP,
    @Uint64 Long swappiness,
    Boolean disableOOMKiller,
    Boolean useHierarchy,
    Boolean checkBeforeUpdate,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxMemory {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxMemory(
      Long limit,
      Long reservation,
      Long swap,
      Long kernel,
      Long kernelTCP,
      Long swappiness,
      Boolean disableOOMKiller,
      Boolean useHierarchy,
      Boolean checkBeforeUpdate) {
    this(
        limit,
        reservation,
        swap,
        kernel,
        kernelTCP,
        swappiness,
        disableOOMKiller,
        useHierarchy,
        checkBeforeUpdate,
        Map.of());
  }
}
