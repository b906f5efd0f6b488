package dev.bramble.oci.spec;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which runtime-spec versions bramble reads and writes. A config is accepted when its version core
 * (MAJOR.MINOR.PATCH, pre-release and build suffixes ignored) is at least {@link #MIN_SUPPORTED}
 * and below {@link #MAX_EXCLUSIVE}: so "1.0.2-dev" (runc 1.1) and "1.2.1" are in, "0.6.0" and
 * "1.3.0" are out.
 */
public final class SpecVersion {
  /** The version bramble writes ({@code bramble spec}, state.json). */
  public static final String CURRENT = "1.2.1";

  /** Lowest supported version (inclusive). */
  public static final String MIN_SUPPORTED = "1.0.0";

  /** First unsupported version above the range (exclusive). */
  public static final String MAX_EXCLUSIVE = "1.3.0";

  /** The range in words, for messages. */
  public static final String SUPPORTED_RANGE =
      ">= 1.0.0 and < 1.3.0 (runtime-spec 1.0, 1.1 and 1.2)";

  // SemVer 2.0.0: numeric identifiers without leading zeros, optional -pre.release and +build.
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  private SpecVersion() {}

  /** The version core {major, minor, patch}, or empty when {@code version} is not SemVer. */
  public static Optional<long[]> core(String version) {
    if (version == null) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new long[] {
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))
          });
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  /** True when {@code version} is SemVer and inside the supported range. */
  public static boolean isSupported(String version) {
    return core(version)
        .map(
            c ->
                compare(c, core(MIN_SUPPORTED).orElseThrow()) >= 0
                    && compare(c, core(MAX_EXCLUSIVE).orElseThrow()) < 0)
        .orElse(false);
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < 3; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
