package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * hugetlb limit for one page size (config-linux.md "Huge page limits").
 *
 * @param pageSize page size such as 2MB, REQUIRED
 * @param limit limit in bytes, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxHugepageLimit(
    String pageSize, @Uint64 Long limit, @Extensions Map<String, JsonNode> extensions) {

  public LinuxHugepageLimit {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxHugepageLimit(String pageSize, Long limit) {
    this(pageSize, limit, Map.of());
  }
}
