package dev.bramble.oci.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * The {@code features} document of a runtime (features.md). A null list means "unknown", not
 * "none".
 *
 * @param ociVersionMin lowest runtime-spec version recognized
 * @param ociVersionMax highest runtime-spec version recognized
 * @param hooks recognized hook names
 * @param mountOptions recognized mount options
 * @param linux Linux-specific features
 * @param annotations implementation-specific annotations
 * @param potentiallyUnsafeConfigAnnotations config annotations (or prefixes ending in '.') that may
 *     be unsafe
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Features(
    String ociVersionMin,
    String ociVersionMax,
    List<String> hooks,
    List<String> mountOptions,
    LinuxFeatures linux,
    Map<String, String> annotations,
    List<String> potentiallyUnsafeConfigAnnotations,
    @Extensions Map<String, JsonNode> extensions) {

  public Features {
    hooks = Immutable.list(hooks);
    mountOptions = Immutable.list(mountOptions);
    annotations = Immutable.map(annotations);
    potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Features(
      String ociVersionMin,
      String ociVersionMax,
      List<String> hooks,
      List<String> mountOptions,
      LinuxFeatures linux,
      Map<String, String> annotations,
      List<String> potentiallyUnsafeConfigAnnotations) {
    this(
        ociVersionMin,
        ociVersionMax,
        hooks,
        mountOptions,
        linux,
        annotations,
        potentiallyUnsafeConfigAnnotations,
        Map.of());
  }

  /** Returns a copy with linux replaced. */
  public Features withLinux(LinuxFeatures linux) {
    return new Features(
        ociVersionMin,
        ociVersionMax,
        hooks,
        mountOptions,
        linux,
        annotations,
        potentiallyUnsafeConfigAnnotations,
        extensions);
  }

  /** Returns a copy with annotations replaced. */
  public Features withAnnotations(Map<String, String> annotations) {
    return new Features(
        ociVersionMin,
        ociVersionMax,
        hooks,
        mountOptions,
        linux,
        annotations,
        potentiallyUnsafeConfigAnnotations,
        extensions);
  }
}
