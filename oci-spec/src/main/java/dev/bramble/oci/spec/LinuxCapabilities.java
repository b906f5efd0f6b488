package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * Capability sets (config.md "Linux process"), each a list of {@code CAP_*} names.
 *
 * @param bounding bounding set
 * @param effective effective set
 * @param inheritable inheritable set
 * @param permitted permitted set
 * @param ambient ambient set
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxCapabilities(
    List<String> bounding,
    List<String> effective,
    List<String> inheritable,
    List<String> permitted,
    List<String> ambient,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxCapabilities {
    bounding = Immutable.list(bounding);
    effective = Immutable.list(effective);
    inheritable = Immutable.list(inheritable);
    permitted = Immutable.list(permitted);
    ambient = Immutable.list(ambient);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxCapabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {
    this(bounding, effective, inheritable, permitted, ambient, Map.of());
  }

  /** Returns a copy with bounding replaced. */
  public LinuxCapabilities withBounding(List<String> bounding) {
    return new LinuxCapabilities(bounding, effective, inheritable, permitted, ambient, extensions);
  }

  /** Returns a copy with effective replaced. */
  public LinuxCapabilities withEffective(List<String> effective) {
    return new LinuxCapabilities(bounding, effective, inheritable, permitted, ambient, extensions);
  }

  /** Returns a copy with inheritable replaced. */
  public LinuxCapabilities withInheritable(List<String> inheritable) {
    return new LinuxCapabilities(bounding, effective, inheritable, permitted, ambient, extensions);
  }

  /** Returns a copy with permitted replaced. */
  public LinuxCapabilities withPermitted(List<String> permitted) {
    return new LinuxCapabilities(bounding, effective, inheritable, permitted, ambient, extensions);
  }

  /** Returns a copy with ambient replaced. */
  public LinuxCapabilities withAmbient(List<String> ambient) {
    return new LinuxCapabilities(bounding, effective, inheritable, permitted, ambient, extensions);
  }
}
