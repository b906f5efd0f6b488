package dev.bramble.runtime.host;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the kernel has seccomp filters and which return actions it accepts. The sentry sorts syscalls with
 * SECCOMP_RET_TRACE, so {@code trace} must be among them.
 *
 * @param statusField the {@code Seccomp:} line of /proc/self/status exists (CONFIG_SECCOMP)
 * @param actions {@code /proc/sys/kernel/seccomp/actions_avail} (Linux 4.14+, CONFIG_SECCOMP_FILTER); empty when
 *     the file is missing
 * @param actionsFileFound whether that file exists
 * @param source where it was read
 */
public record SeccompFacts(boolean statusField, Set<String> actions, boolean actionsFileFound, String source) {
  public static final String ACTIONS = "/proc/sys/kernel/seccomp/actions_avail";

  public SeccompFacts {
    actions = Collections.unmodifiableSet(new LinkedHashSet<>(actions)); // keep the kernel's order for display
  }

  public static SeccompFacts read(HostFiles files) {
    boolean statusField =
        files.read("/proc/self/status").map(s -> s.lines().anyMatch(l -> l.startsWith("Seccomp:"))).orElse(false);
    Optional<String> actions = files.firstLine(ACTIONS);
    Set<String> names = new LinkedHashSet<>();
    actions.ifPresent(a -> names.addAll(Arrays.stream(a.split("\\s+")).filter(s -> !s.isEmpty()).toList()));
    return new SeccompFacts(statusField, names, actions.isPresent(), ACTIONS + ", /proc/self/status");
  }

  public boolean hasTrace() {
    return actions.contains("trace");
  }

  public String describeActions() {
    return actionsFileFound ? (actions.isEmpty() ? "(none)" : String.join(" ", actions)) : "(file absent)";
  }
}
