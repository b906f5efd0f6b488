package dev.bramble.runtime.gate;

import dev.bramble.runtime.elf.Entrypoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a bundle asks of the host, taken from its config.json and rootfs by {@link BundleFactsReader}.
 *
 * @param bundle the bundle directory
 * @param annotations config.json {@code annotations}
 * @param resources cgroup limits the config sets, each with the controller it needs
 * @param namespaces the namespaces the config lists
 * @param seccompProfile whether config.json has a {@code linux.seccomp} profile
 * @param entrypoint what {@code process.args[0]} resolves to in the rootfs
 * @param entrypointProblem why it does not resolve to something executable, when it does not
 */
public record BundleFacts(
    Path bundle,
    Map<String, String> annotations,
    List<ResourceRequest> resources,
    List<NamespaceRequest> namespaces,
    boolean seccompProfile,
    Optional<Entrypoint> entrypoint,
    Optional<String> entrypointProblem) {

  public BundleFacts {
    annotations = Map.copyOf(annotations);
    resources = List.copyOf(resources);
    namespaces = List.copyOf(namespaces);
  }

  /**
   * A cgroup setting in config.json and the controller that enforces it.
   *
   * @param controller {@code memory}, {@code pids}, {@code cpu} or {@code cpuset}
   * @param jsonPath where it is set, e.g. {@code linux.resources.memory.limit}
   * @param value the value as written
   */
  public record ResourceRequest(String controller, String jsonPath, String value) {
    @Override
    public String toString() {
      return jsonPath + "=" + value;
    }
  }

  /**
   * A namespace in {@code linux.namespaces}.
   *
   * @param type the OCI type: pid, network, mount, ipc, uts, user, cgroup, time
   * @param jsonPath e.g. {@code linux.namespaces[3]}
   * @param joinsExisting it has a {@code path}, so bramble joins a namespace instead of creating one
   */
  public record NamespaceRequest(String type, String jsonPath, boolean joinsExisting) {}

  public List<ResourceRequest> requestsFor(String controller) {
    return resources.stream().filter(r -> r.controller().equals(controller)).toList();
  }

  /** The {@code user} namespace entry that would create a new user namespace, if any. */
  public Optional<NamespaceRequest> newUserNamespace() {
    return namespaces.stream().filter(n -> n.type().equals("user") && !n.joinsExisting()).findFirst();
  }
}
