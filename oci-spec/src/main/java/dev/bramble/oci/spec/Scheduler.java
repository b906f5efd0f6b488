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

  /** Returns a copy with policy replaced. */
  public Scheduler withPolicy(String policy) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with nice replaced. */
  public Scheduler withNice(Integer nice) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with priority replaced. */
  public Scheduler withPriority(Integer priority) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with flags replaced. */
  public Scheduler withFlags(List<String> flags) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with runtime replaced. */
  public Scheduler withRuntime(Long runtime) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with deadline replaced. */
  public Scheduler withDeadline(Long deadline) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }

  /** Returns a copy with period replaced. */
  public Scheduler withPeriod(Long period) {
    return new Scheduler(policy, nice, priority, flags, runtime, deadline, period, extensions);
  }
}
