package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * CPU and cpuset controller settings (config-linux.md "CPU").
 *
 * @param shares relative weight
 * @param quota CFS quota in microseconds per period
 * @param burst CFS burst in microseconds
 * @param period CFS period in microseconds
 * @param realtimeRuntime realtime runtime in microseconds
 * @param realtimePeriod realtime period in microseconds
 * @param cpus cpuset CPU list
 * @param mems cpuset memory node list
 * @param idle cgroup v2 cpu.idle (0 or 1)
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxCpu(
    @Uint64 Long shares,
    Long quota,
    @Uint64 Long burst,
    @Uint64 Long period,
    Long realtimeRuntime,
    @Uint64 Long realtimePeriod,
    String cpus,
    String mems,
    Long idle,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxCpu {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxCpu(
      Long shares,
      Long quota,
      Long burst,
      Long period,
      Long realtimeRuntime,
      Long realtimePeriod,
      String cpus,
      String mems,
      Long idle) {
    this(shares, quota, burst, period, realtimeRuntime, realtimePeriod, cpus, mems, idle, Map.of());
  }
}
