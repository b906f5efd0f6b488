package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * The root of config.json (runtime-spec config.md), Linux view. Other platform sections (windows,
 * solaris, vm, zos) are not modelled; they are kept verbatim in {@link #extensions()}.
 *
 * @param ociVersion version of the runtime-spec the bundle complies with (SemVer), REQUIRED
 * @param process the container process; REQUIRED when {@code start} is called
 * @param root the container's root filesystem
 * @param hostname hostname inside the container (needs a UTS namespace)
 * @param domainname NIS domain name inside the container (needs a UTS namespace)
 * @param mounts additional mounts, applied in order on top of root
 * @param hooks lifecycle hooks
 * @param annotations arbitrary metadata, kept verbatim
 * @param linux Linux-specific configuration
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Spec(
    String ociVersion,
    Process process,
    Root root,
    String hostname,
    String domainname,
    List<Mount> mounts,
    Hooks hooks,
    Map<String, String> annotations,
    Linux linux,
    @Extensions Map<String, JsonNode> extensions) {

  public Spec {
    mounts = Immutable.list(mounts);
    annotations = Immutable.map(annotations);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Spec(
      String ociVersion,
      Process process,
      Root root,
      String hostname,
      String domainname,
      List<Mount> mounts,
      Hooks hooks,
      Map<String, String> annotations,
      Linux linux) {
    this(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        Map.of());
  }

  /** Returns a copy with process replaced. */
  public Spec withProcess(Process process) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }

  /** Returns a copy with root replaced. */
  public Spec withRoot(Root root) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }

  /** Returns a copy with hostname replaced. */
  public Spec withHostname(String hostname) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }

  /** Returns a copy with mounts replaced. */
  public Spec withMounts(List<Mount> mounts) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }

  /** Returns a copy with annotations replaced. */
  public Spec withAnnotations(Map<String, String> annotations) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }

  /** Returns a copy with linux replaced. */
  public Spec withLinux(Linux linux) {
    return new Spec(
        ociVersion,
        process,
        root,
        hostname,
        domainname,
        mounts,
        hooks,
        annotations,
        linux,
        extensions);
  }
}
