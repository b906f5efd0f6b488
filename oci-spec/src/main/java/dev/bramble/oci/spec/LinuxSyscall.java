package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.List;
import java.util.Map;

/**
 * One seccomp rule (config-linux.md "syscalls").
 *
 * @param names syscall names, at least one, REQUIRED
 * @param action an {@code SCMP_ACT_*} action, REQUIRED
 * @param errnoRet errno for ERRNO/TRACE actions
 * @param args argument conditions
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxSyscall(
    List<String> names,
    String action,
    @Uint32 Long errnoRet,
    List<LinuxSeccompArg> args,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxSyscall {
    names = Immutable.list(names);
    args = Immutable.list(args);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxSyscall(
      List<String> names, String action, Long errnoRet, List<LinuxSeccompArg> args) {
    this(names, action, errnoRet, args, Map.of());
  }

  /** Returns a copy with args replaced. */
  public LinuxSyscall withArgs(List<LinuxSeccompArg> args) {
    return new LinuxSyscall(names, action, errnoRet, args, extensions);
  }
}
