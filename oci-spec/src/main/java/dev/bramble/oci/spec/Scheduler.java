package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.List;
import java.util.Map;

/**
 * Scheduling attributes for sched_setattr(2) (config.md "scheduler").
 *
 * @param policy a {@code SCHED_*} policy, REQUIRED
 * @param nice nice value (SCHED_OTHER, SCHED_BATCH)
 * @param priority static priority (SCHED_FIFO, SCHED_RR)
 * @param flags {@code SCHED_FLAG_*} flags
 * @param runtime SCHED_DEADLINE runtime in ns
 * @param deadline SCHED_DEADLINE deadline in ns
 * @param period SCHED_DEADLINE period in ns
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scheduler(
    String policy,
    Integer nice,
    Integer priority,
    List<String> flags,
    @Uint64 Long runtime,
    @Uint64 Long deadline,
    @Uint64 Long period,
    @Extensions Map<String, JsonNode> extensions) {

  public Scheduler {
    flags = Immutable.list(flags);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Scheduler(
      String policy,
      Integer nice,
      Integer priority,
      List<String> flags,
      Long runtime,
      Long deadline,
      Long period) {
    this(policy, nice, priority, flags, runtime, deadline, period, Map.of());
  }
}
