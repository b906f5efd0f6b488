package dev.bramble.runtime.host;

import java.util.Optional;

/** The effective capabilities bramble itself runs with ({@code CapEff} in /proc/self/status). */
public record Capabilities(long effective, String source) {
  public static final int CAP_SYS_PTRACE = 19;
  public static final int CAP_SYS_ADMIN = 21;

  public static Capabilities read(HostFiles files) {
    String path = "/proc/self/status";
    Optional<Long> capEff =
        files
            .read(path)
            .flatMap(s -> s.lines().filter(l -> l.startsWith("CapEff:")).findFirst())
            .flatMap(Capabilities::parseHex);
    return capEff
        .map(c -> new Capabilities(c, path + " CapEff"))
        .orElseGet(() -> new Capabilities(0, path + " CapEff (unreadable, assumed none)"));
  }

  private static Optional<Long> parseHex(String line) {
    try {
      return Optional.of(Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean has(int capability) {
    return (effective >>> capability & 1) != 0;
  }
}
