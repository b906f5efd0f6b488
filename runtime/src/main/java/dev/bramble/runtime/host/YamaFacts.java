package dev.bramble.runtime.host;

import java.util.OptionalInt;

/**
 * Yama's ptrace restriction. The file is absent when the kernel has no Yama (Raspberry Pi OS kernels); 0 classic,
 * 1 descendants only (fine: the sentry spawns what it traces), 2 CAP_SYS_PTRACE only, 3 no attach at all until reboot.
 */
public record YamaFacts(OptionalInt scope, String source) {
  public static final String PATH = "/proc/sys/kernel/yama/ptrace_scope";

  public static YamaFacts read(HostFiles files) {
    if (!files.exists(PATH)) {
      return new YamaFacts(OptionalInt.empty(), PATH + " absent: no Yama");
    }
    try {
      return new YamaFacts(OptionalInt.of(Integer.parseInt(files.firstLine(PATH).orElse("").trim())), PATH);
    } catch (NumberFormatException e) {
      // fail closed: an unreadable value is treated like the strictest setting by the gate
      return new YamaFacts(OptionalInt.of(3), PATH + " (unreadable, treated as 3)");
    }
  }
}
