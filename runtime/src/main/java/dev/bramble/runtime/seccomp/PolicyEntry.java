package dev.bramble.runtime.seccomp;

import java.util.List;
import java.util.OptionalInt;

/**
 * One row of the sandbox policy (see {@code sandbox-policy.tsv}).
 *
 * @param syscall the kernel's name of the syscall
 * @param action what happens to matching calls
 * @param errno for DENY and ERRNO: the error the call fails with
 * @param handler for TRAP: which sentry handler decides ({@code uname}, {@code sysinfo}, {@code personality})
 * @param conditions register conditions that must all hold; empty means every call
 * @param unless a capability number that lifts the row when the container's bounding set has it
 * @param reason why the row exists (printed in audit lines)
 * @param line where the row is, for messages
 */
public record PolicyEntry(String syscall, PolicyAction action, int errno, String handler,
    List<ArgCondition> conditions, OptionalInt unless, String reason, String line) {

  public PolicyEntry {
    conditions = List.copyOf(conditions);
  }

  /** The row's action as the table spells it, e.g. {@code deny:EPERM}. */
  public String actionText() {
    return switch (action) {
      case DENY, ERRNO -> action.word() + ":" + dev.bramble.runtime.linux.Errno.name(errno);
      case TRAP -> action.word() + ":" + handler;
      case KILL -> action.word();
    };
  }
}
