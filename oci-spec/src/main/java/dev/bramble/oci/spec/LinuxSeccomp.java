package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.List;
import java.util.Map;

/**
 * Seccomp filter (config-linux.md "Seccomp").
 *
 * @param defaultAction an {@code SCMP_ACT_*} action for unmatched syscalls, REQUIRED
 * @param defaultErrnoRet errno for an ERRNO/TRACE default action
 * @param architectures {@code SCMP_ARCH_*} architectures
 * @param flags {@code SECCOMP_FILTER_FLAG_*} flags
 * @param listenerPath UNIX socket receiving the notify fd
 * @param listenerMetadata opaque data sent to the listener
 * @param syscalls rules, matched in order
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxSeccomp(
    String defaultAction,
    @Uint32 Long defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    String listenerPath,
    String listenerMetadata,
    List<LinuxSyscall> syscalls,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxSeccomp {
    architectures = Immutable.list(architectures);
    flags = Immutable.list(flags);
    syscalls = Immutable.list(syscalls);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxSeccomp(
      String defaultAction,
      Long defaultErrnoRet,
      List<String> architectures,
      List<String> flags,
      String listenerPath,
      String listenerMetadata,
      List<LinuxSyscall> syscalls) {
    this(
        defaultAction,
        defaultErrnoRet,
        architectures,
        flags,
        listenerPath,
        listenerMetadata,
        syscalls,
        Map.of());
  }
}
