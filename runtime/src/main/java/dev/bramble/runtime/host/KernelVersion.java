package dev.bramble.runtime.host;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numeric part of a kernel release ({@code 6.12.34+rpt-rpi-2712} is 6.12.34), ordered like versions. */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
  private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  public static Optional<KernelVersion> parse(String release) {
    Matcher m = RELEASE.matcher(release == null ? "" : release.trim());
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new KernelVersion(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static KernelVersion of(int major, int minor) {
    return new KernelVersion(major, minor, 0);
  }

  public boolean atLeast(KernelVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(KernelVersion o) {
    if (major != o.major) {
      return Integer.compare(major, o.major);
    }
    if (minor != o.minor) {
      return Integer.compare(minor, o.minor);
    }
    return Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + (patch == 0 ? "" : "." + patch);
  }
}
