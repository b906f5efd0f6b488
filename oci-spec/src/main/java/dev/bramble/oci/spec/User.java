package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import java.util.List;
import java.util.Map;

/**
 * User and groups of the process (config.md "POSIX process").
 *
 * @param uid user id in the container
 * @param gid group id in the container
 * @param umask umask of the init process
 * @param additionalGids supplementary group ids
 * @param username Windows-only user name
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
    @Uint32 Long uid,
    @Uint32 Long gid,
    @Uint32 Long umask,
    @Uint32 List<Long> additionalGids,
    String username,
    @Extensions Map<String, JsonNode> extensions) {

  public User {
    additionalGids = Immutable.list(additionalGids);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public User(Long uid, Long gid, Long umask, List<Long> additionalGids, String username) {
    this(uid, gid, umask, additionalGids, username, Map.of());
  }

  /** Returns a copy with uid replaced. */
  public User withUid(Long uid) {
    return new User(uid, gid, umask, additionalGids, username, extensions);
  }

  /** Returns a copy with gid replaced. */
  public User withGid(Long gid) {
    return new User(uid, gid, umask, additionalGids, username, extensions);
  }

  /** Returns a copy with additionalGids replaced. */
  public User withAdditionalGids(List<Long> additionalGids) {
    return new User(uid, gid, umask, additionalGids, username, extensions);
  }
}
