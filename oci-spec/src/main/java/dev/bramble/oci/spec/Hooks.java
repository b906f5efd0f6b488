package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * Lifecycle hooks (config.md "POSIX-platform Hooks"), each list run in order.
 *
 * @param prestart deprecated: runtime namespace, after create, before pivot_root
 * @param createRuntime runtime namespace, during create, before pivot_root
 * @param createContainer container namespace, during create, before pivot_root
 * @param startContainer container namespace, during start, before the user process
 * @param poststart runtime namespace, after the user process started
 * @param poststop runtime namespace, after the container was deleted
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hooks(
    List<Hook> prestart,
    List<Hook> createRuntime,
    List<Hook> createContainer,
    List<Hook> startContainer,
    List<Hook> poststart,
    List<Hook> poststop,
    @Extensions Map<String, JsonNode> extensions) {

  public Hooks {
    prestart = Immutable.list(prestart);
    createRuntime = Immutable.list(createRuntime);
    createContainer = Immutable.list(createContainer);
    startContainer = Immutable.list(startContainer);
    poststart = Immutable.list(poststart);
    poststop = Immutable.list(poststop);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Hooks(
      List<Hook> prestart,
      List<Hook> createRuntime,
      List<Hook> createContainer,
      List<Hook> startContainer,
      List<Hook> poststart,
      List<Hook> poststop) {
    this(prestart, createRuntime, createContainer, startContainer, poststart, poststop, Map.of());
  }
}
