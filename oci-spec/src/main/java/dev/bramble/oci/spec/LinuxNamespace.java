package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * A namespace to create, or to join when {@code path} is set (config-linux.md "Namespaces").
 *
 * @param type pid, network, mount, ipc, uts, user, cgroup or time, REQUIRED
 * @param path absolute path of a namespace file to join
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxNamespace(
    String type, String path, @Extensions Map<String, JsonNode> extensions) {

  public LinuxNamespace {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxNamespace(String type, String path) {
    this(type, path, Map.of());
  }
}
