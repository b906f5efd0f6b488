package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * One mount (config.md "Mounts").
 *
 * @param destination absolute path inside the container, REQUIRED
 * @param type filesystem type, e.g. proc, tmpfs, bind
 * @param source device name, or host path (absolute or bundle-relative) for bind mounts
 * @param options fstab-style options, e.g. nosuid, rbind, ro, mode=755
 * @param uidMappings uid mapping of an id-mapped mount
 * @param gidMappings gid mapping of an id-mapped mount
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(
    String destination,
    String type,
    String source,
    List<String> options,
    List<LinuxIdMapping> uidMappings,
    List<LinuxIdMapping> gidMappings,
    @Extensions Map<String, JsonNode> extensions) {

  public Mount {
    options = Immutable.list(options);
    uidMappings = Immutable.list(uidMappings);
    gidMappings = Immutable.list(gidMappings);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Mount(
      String destination,
      String type,
      String source,
      List<String> options,
      List<LinuxIdMapping> uidMappings,
      List<LinuxIdMapping> gidMappings) {
    this(destination, type, source, options, uidMappings, gidMappings, Map.of());
  }

  /** Returns a copy with options replaced. */
  public Mount withOptions(List<String> options) {
    return new Mount(destination, type, source, options, uidMappings, gidMappings, extensions);
  }

  /** Returns a copy with uidMappings replaced. */
  public Mount withUidMappings(List<LinuxIdMapping> uidMappings) {
    return new Mount(destination, type, source, options, uidMappings, gidMappings, extensions);
  }

  /** Returns a copy with gidMappings replaced. */
  public Mount withGidMappings(List<LinuxIdMapping> gidMappings) {
    return new Mount(destination, type, source, options, uidMappings, gidMappings, extensions);
  }
}
