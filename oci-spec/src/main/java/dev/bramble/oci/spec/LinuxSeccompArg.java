package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import dev.bramble.oci.json.Uint32;
import dev.bramble.oci.json.Uint64;
import java.util.Map;

/**
 * One syscall argument condition (config-linux.md "args"). Values are uint64 bit patterns.
 *
 * @param index argument index, 0 to 5, REQUIRED
 * @param value value to compare, REQUIRED
 * @param valueTwo second value (mask for SCMP_CMP_MASKED_EQ)
 * @param op an {@code SCMP_CMP_*} operator, REQUIRED
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxSeccompArg(
    @Uint32 Long index,
    @Uint64 Long value,
    @Uint64 Long valueTwo,
    String op,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxSeccompArg {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxSeccompArg(Long index, Long value, Long valueTwo, String op) {
    this(index, value, valueTwo, op, Map.of());
  }
}
