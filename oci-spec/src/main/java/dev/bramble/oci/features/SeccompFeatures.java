package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * seccomp support (features-linux.md "Seccomp").
 *
 * @param enabled seccomp support compiled in
 * @param actions recognized actions
 * @param operators recognized operators
 * @param archs recognized architectures
 * @param knownFlags recognized filter flags
 * @param supportedFlags filter flags supported by this kernel and libseccomp
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeccompFeatures(
    Boolean enabled,
    List<String> actions,
    List<String> operators,
    List<String> archs,
    List<String> knownFlags,
    List<String> supportedFlags,
    @Extensions Map<String, JsonNode> extensions) {

  public SeccompFeatures {
    actions = Immutable.list(actions);
    operators = Immutable.list(operators);
    archs = Immutable.list(archs);
    knownFlags = Immutable.list(knownFlags);
    supportedFlags = Immutable.list(supportedFlags);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public SeccompFeatures(
      Boolean enabled,
      List<String> actions,
      List<String> operators,
      List<String> archs,
      List<String> knownFlags,
      List<String> supportedFlags) {
    this(enabled, actions, operators, archs, knownFlags, supportedFlags, Map.of());
  }
}
