package dev.bramble.shim.api;

import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoException;
import dev.bramble.shim.proto.ProtoFields;
import java.util.Optional;

/**
 * What {@code start} reads from stdin: the runtime options as a bare {@code Any} (containerd 1.6–2.2), or 2.3's
 * {@code containerd.runtime.bootstrap.v1.BootstrapParams} with the options inside {@code extensions} (8). Both open
 * with field 1 as a string, so BootstrapParams is recognised by any of its fields 3–9 or by field 1 being the
 * container id (shared/reference/containerd-shim.md §4.5).
 *
 * @param options the runtime options, if any were sent
 * @param configPath {@code runtimeoptions.v1.Options.config_path} (field 2), when the options are of that type
 * @param ttrpcAddress BootstrapParams' containerd_ttrpc_address (5), when given
 */
public record StartOptions(Optional<AnyMessage> options, Optional<String> configPath,
    Optional<String> ttrpcAddress) {
  public static final String RUNTIME_OPTIONS_TYPE = "runtimeoptions.v1.Options";
  public static final StartOptions NONE = new StartOptions(Optional.empty(), Optional.empty(), Optional.empty());

  public static StartOptions parse(byte[] stdin, String containerId) {
    if (stdin.length == 0) {
      return NONE;
    }
    ProtoFields f;
    try {
      f = ProtoFields.parse(stdin);
    } catch (ProtoException e) {
      throw new ProtoException("the runtime options on stdin are not a protobuf message: " + e.getMessage());
    }
    boolean bootstrap = f.fieldNumbers().stream().anyMatch(n -> n >= 3 && n <= 9)
        || (!containerId.isEmpty() && f.string(1).equals(containerId));
    if (!bootstrap) {
      return fromAny(AnyMessage.decode(stdin), Optional.empty());
    }
    Optional<String> ttrpc = f.has(5) ? Optional.of(f.string(5)) : Optional.empty();
    for (ProtoFields extension : f.messages(8, ProtoFields::parse)) {
      if (extension.has(1)) {
        return fromAny(AnyMessage.decode(extension.bytes(1)), ttrpc);
      }
    }
    return new StartOptions(Optional.empty(), Optional.empty(), ttrpc);
  }

  private static StartOptions fromAny(AnyMessage any, Optional<String> ttrpc) {
    Optional<String> configPath = Optional.empty();
    if (any.typeName().equals(RUNTIME_OPTIONS_TYPE)) {
      String path = ProtoFields.parse(any.value()).string(2);
      configPath = path.isEmpty() ? Optional.empty() : Optional.of(path);
    }
    return new StartOptions(Optional.of(any), configPath, ttrpc);
  }
}
