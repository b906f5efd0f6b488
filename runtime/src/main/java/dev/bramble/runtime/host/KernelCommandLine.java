package dev.bramble.runtime.host;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kernel command line, read to explain facts: {@code cgroup_disable=memory} (inserted by Raspberry Pi firmware),
 * {@code ia32_emulation=0}, {@code no5lvl}.
 */
public record KernelCommandLine(List<String> parameters, String source) {
  public KernelCommandLine {
    parameters = List.copyOf(parameters);
  }

  public static KernelCommandLine read(HostFiles files) {
    String path = "/proc/cmdline";
    return files
        .firstLine(path)
        .map(l -> new KernelCommandLine(Arrays.stream(l.split("\\s+")).filter(s -> !s.isEmpty()).toList(), path))
        .orElseGet(() -> new KernelCommandLine(List.of(), path + " (not readable)"));
  }

  public boolean has(String flag) {
    return parameters.contains(flag);
  }

  /** The value of the last {@code key=value} for {@code key}: the kernel's parsers let a later one win. */
  public Optional<String> lastValue(String key) {
    String prefix = key + "=";
    String value = null;
    for (String p : parameters) {
      if (p.startsWith(prefix)) {
        value = p.substring(prefix.length());
      }
    }
    return Optional.ofNullable(value);
  }

  /**
   * The last parameter that switches cgroup {@code controller} on or off ({@code cgroup_disable=memory}, or the
   * Raspberry Pi kernel's {@code cgroup_enable=memory}); the later of the two wins. Lists like
   * {@code cgroup_disable=memory,pids} count.
   */
  public Optional<String> lastCgroupSwitch(String controller) {
    String last = null;
    for (String p : parameters) {
      for (String key : List.of("cgroup_disable", "cgroup_enable")) {
        if (p.startsWith(key + "=") && Arrays.asList(p.substring(key.length() + 1).split(",")).contains(controller)) {
          last = key + "=" + controller;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  /** True when the kernel command line turns {@code controller} off (its last switch is a cgroup_disable). */
  public boolean disablesCgroup(String controller) {
    return lastCgroupSwitch(controller).map(s -> s.startsWith("cgroup_disable=")).orElse(false);
  }
}
