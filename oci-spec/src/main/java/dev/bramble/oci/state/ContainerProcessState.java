package dev.bramble.oci.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * What a runtime sends to a seccomp listener (config-linux.md "The Container Process State").
 *
 * @param ociVersion runtime-spec version, REQUIRED
 * @param fds names of the passed file descriptors, e.g. seccompFd, REQUIRED
 * @param pid container process id as seen by the runtime, REQUIRED
 * @param metadata the listenerMetadata of the seccomp config
 * @param state the container state, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerProcessState(
    String ociVersion,
    List<String> fds,
    Integer pid,
    String metadata,
    State state,
    @Extensions Map<String, JsonNode> extensions) {

  public ContainerProcessState {
    fds = Immutable.list(fds);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public ContainerProcessState(
      String ociVersion, List<String> fds, Integer pid, String metadata, State state) {
    this(ociVersion, fds, pid, metadata, state, Map.of());
  }
}
