package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.Map;

/**
 * A device node to create (config-linux.md "Devices").
 *
 * @param path absolute path in the container, REQUIRED
 * @param type c, b, u or p, REQUIRED
 * @param major major number, REQUIRED unless type is p
 * @param minor minor number, REQUIRED unless type is p
 * @param fileMode permission bits
 * @param uid owner uid
 * @param gid owner gid
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxDevice(
    String path,
    String type,
    Long major,
    Long minor,
    @Uint32 Long fileMode,
    @Uint32 Long uid,
    @Uint32 Long gid,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxDevice {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxDevice(
      String path, String type, Long major, Long minor, Long fileMode, Long uid, Long gid) {
    this(path, type, major, minor, fileMode, uid, gid, Map.of());
  }

  /** Returns a copy with uid replaced. */
  public LinuxDevice withUid(Long uid) {
    return new LinuxDevice(path, type, major, minor, fileMode, uid, gid, extensions);
  }

  /** Returns a copy with gid replaced. */
  public LinuxDevice withGid(Long gid) {
    return new LinuxDevice(path, type, major, minor, fileMode, uid, gid, extensions);
  }
}
