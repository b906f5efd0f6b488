package dev.bramble.runtime.seccomp;

import dev.bramble.oci.spec.Linux;
import dev.bramble.runtime.config.ConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the syscall sandbox takes from config.json: the bundle's seccomp profile, the sentry's modes from
 * annotations, and the facts its emulated syscalls report.
 *
 * @param profile {@code linux.seccomp}, stacked on the sandbox filter
 * @param trapAll annotation {@code dev.bramble.trap=all}: every syscall goes through the sentry
 * @param strace annotation {@code dev.bramble.strace=true}: log every trapped syscall
 * @param unameRelease annotation {@code dev.bramble.uname.release}: the release uname reports (default: the host's)
 * @param memoryLimit {@code linux.resources.memory.limit}: what sysinfo reports as total memory
 */
public record SeccompConfig(Optional<SeccompProfile> profile, boolean trapAll, boolean strace,
    Optional<String> unameRelease, OptionalLong memoryLimit) {
  public static final String TRAP = "dev.bramble.trap";
  public static final String STRACE = "dev.bramble.strace";
  public static final String UNAME_RELEASE = "dev.bramble.uname.release";
  /** uname's release field is 65 bytes with its terminating NUL. */
  private static final int UTS_FIELD = 64;

  public static final SeccompConfig NONE =
      new SeccompConfig(Optional.empty(), false, false, Optional.empty(), OptionalLong.empty());

  public static SeccompConfig from(Linux linux, Map<String, String> annotations) {
    Optional<SeccompProfile> profile = linux == null || linux.seccomp() == null ? Optional.empty()
        : Optional.of(SeccompProfile.from(linux.seccomp()));
    boolean trapAll = switch (annotations.getOrDefault(TRAP, "")) {
      case "" -> false;
      case "all" -> true;
      default -> throw annotation(TRAP, annotations.get(TRAP), "the only accepted value is \"all\"");
    };
    boolean strace = switch (annotations.getOrDefault(STRACE, "false")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw annotation(STRACE, annotations.get(STRACE), "use \"true\" or \"false\"");
    };
    Optional<String> release = Optional.ofNullable(annotations.get(UNAME_RELEASE));
    if (release.isPresent() && (release.get().isEmpty()
        || release.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > UTS_FIELD
        || release.get().indexOf('\0') >= 0)) {
      throw annotation(UNAME_RELEASE, release.get(), "give a release of 1 to 64 bytes, e.g. \"6.1.0-rpi7-rpi-v8\"");
    }
    OptionalLong memory = OptionalLong.empty();
    if (linux != null && linux.resources() != null && linux.resources().memory() != null
        && linux.resources().memory().limit() != null && linux.resources().memory().limit() > 0) {
      memory = OptionalLong.of(linux.resources().memory().limit());
    }
    return new SeccompConfig(profile, trapAll, strace, release, memory);
  }

  private static ConfigException annotation(String key, String value, String remedy) {
    return new ConfigException("annotations[\"" + key + "\"]", "unexpected value \"" + value + "\"", remedy);
  }
}
