package dev.bramble.runtime.host;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which namespace types the kernel offers ({@code /proc/self/ns}) and what limits the creation of user namespaces.
 *
 * @param available kernel names from /proc/self/ns: cgroup ipc mnt net pid time user uts
 * @param maxUserNamespaces {@code user.max_user_namespaces}; 0 forbids user namespaces for everyone
 * @param apparmorRestrictUnprivileged Ubuntu's {@code kernel.apparmor_restrict_unprivileged_userns} (1 on 24.04)
 * @param unprivilegedUsernsClone Debian's {@code kernel.unprivileged_userns_clone}
 */
public record NamespaceFacts(
    Set<String> available,
    OptionalLong maxUserNamespaces,
    Optional<Integer> apparmorRestrictUnprivileged,
    Optional<Integer> unprivilegedUsernsClone,
    String source) {

  public static final String MAX_USER = "/proc/sys/user/max_user_namespaces";
  public static final String APPARMOR_RESTRICT = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";
  public static final String DEBIAN_CLONE = "/proc/sys/kernel/unprivileged_userns_clone";

  public NamespaceFacts {
    available = Set.copyOf(available);
  }

  public static NamespaceFacts read(HostFiles files) {
    Set<String> names = new LinkedHashSet<>();
    for (String entry : files.list("/proc/self/ns")) {
      if (!entry.endsWith("_for_children")) {
        names.add(entry);
      }
    }
    OptionalLong max = files.firstLine(MAX_USER).map(NamespaceFacts::parseLong).orElse(OptionalLong.empty());
    return new NamespaceFacts(
        names,
        max,
        files.firstLine(APPARMOR_RESTRICT).flatMap(NamespaceFacts::parseInt),
        files.firstLine(DEBIAN_CLONE).flatMap(NamespaceFacts::parseInt),
        "/proc/self/ns, " + MAX_USER);
  }

  /** The kernel's name for an OCI namespace type ({@code network} is {@code net}, {@code mount} is {@code mnt}). */
  public static String kernelName(String ociType) {
    return switch (ociType) {
      case "network" -> "net";
      case "mount" -> "mnt";
      default -> ociType;
    };
  }

  private static OptionalLong parseLong(String s) {
    try {
      return OptionalLong.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<Integer> parseInt(String s) {
    try {
      return Optional.of(Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
