package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * One resource limit (config.md "rlimits"). Values are uint64 held as bit patterns: -1 is
 * RLIM_INFINITY.
 *
 * @param type an {@code RLIMIT_*} name, REQUIRED
 * @param hard ceiling for the soft limit, REQUIRED
 * @param soft enforced limit, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PosixRlimit(
    String type,
    @Uint64 Long hard,
    @Uint64 Long soft,
    @Extensions Map<String, JsonNode> extensions) {

  public PosixRlimit {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public PosixRlimit(String type, Long hard, Long soft) {
    this(type, hard, soft, Map.of());
  }
}
