package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import dev.bramble.runtime.linux.SeccompFilterSpec.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the sandbox filter of one container from the policy table: unlisted syscalls run natively (or, in trap-all
 * mode, trap with {@link TrapTable#RUN}), each row becomes a rule, and every other ABI of the CPU — x86_64's x32, the
 * 32-bit compat ABIs, anything unknown — is killed by the bad-architecture action, so no syscall number of another
 * table can slip past rows written for this one.
 */
public final class SandboxFilter {
  /** The filter and how to read the data of its trace stops. */
  public record Plan(SeccompFilterSpec spec, TrapTable traps) {}

  private SandboxFilter() {}

  /**
   * @param boundingCapabilities the container's capability bounding set (a row with {@code unless} is left out when
   *     the capability is in it: a process could gain it back, so the kernel's own check is the one that matters)
   * @param trapAll every syscall goes through the sentry; {@code errno:} rows trap too, to be audited
   */
  public static Plan plan(SandboxPolicy policy, Arch arch, long boundingCapabilities, boolean trapAll) {
    List<PolicyEntry> trapping = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    for (PolicyEntry row : policy.entries()) {
      if (arch.syscalls().number(row.syscall()).isEmpty()) {
        continue; // e.g. iopl on aarch64: nothing to filter
      }
      if (row.unless().isPresent() && (boundingCapabilities & (1L << row.unless().getAsInt())) != 0) {
        continue;
      }
      int action;
      if (row.action() == PolicyAction.KILL) {
        action = SeccompFilterSpec.KILL_PROCESS;
      } else if (row.action() == PolicyAction.ERRNO && !trapAll) {
        action = SeccompFilterSpec.errno(row.errno());
      } else {
        action = SeccompFilterSpec.trace(trapping.size());
        trapping.add(row);
      }
      rules.add(new Rule(row.syscall(), arch.syscalls().require(row.syscall()), action,
          row.conditions().stream().map(ArgCondition::toCompare).toList()));
    }
    int defaultAction = trapAll ? SeccompFilterSpec.trace(TrapTable.RUN) : SeccompFilterSpec.ALLOW;
    return new Plan(new SeccompFilterSpec(defaultAction, SeccompFilterSpec.KILL_PROCESS, List.of(arch.unameName()),
        rules), new TrapTable(trapping));
  }
}
