package dev.bramble.oci.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * The state of a container (runtime.md "State"), as printed by {@code state} and passed to hooks.
 *
 * @param ociVersion runtime-spec version of this document, REQUIRED
 * @param id container id, REQUIRED
 * @param status runtime status, REQUIRED
 * @param pid container process id on the host; set while created or running
 * @param bundle absolute path of the bundle directory, REQUIRED
 * @param annotations annotations from config.json
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record State(
    String ociVersion,
    String id,
    ContainerStatus status,
    Integer pid,
    String bundle,
    Map<String, String> annotations,
    @Extensions Map<String, JsonNode> extensions) {

  public State {
    annotations = Immutable.map(annotations);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public State(
      String ociVersion,
      String id,
      ContainerStatus status,
      Integer pid,
      String bundle,
      Map<String, String> annotations) {
    this(ociVersion, id, status, pid, bundle, annotations, Map.of());
  }

  /** Returns a copy with annotations replaced. */
  public State withAnnotations(Map<String, String> annotations) {
    return new State(ociVersion, id, status, pid, bundle, annotations, extensions);
  }
}
