package dev.bramble.runtime.config;

import java.util.List;
import java.util.OptionalInt;

/** RLIMIT_* resource numbers (asm-generic/resource.h; x86_64 and aarch64 share them), index = number. */
public final class Rlimit {
  private static final List<String> NAMES = List.of(
      "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
      "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
      "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

  private Rlimit() {}

  public static OptionalInt number(String name) {
    int i = NAMES.indexOf(name);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }
}
