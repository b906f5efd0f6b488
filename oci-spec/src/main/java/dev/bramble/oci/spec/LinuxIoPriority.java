package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.Map;

/**
 * I/O priority for ioprio_set(2) (config.md "ioPriority").
 *
 * @param ioClass {@code IOPRIO_CLASS_RT|BE|IDLE}, REQUIRED (JSON name {@code class})
 * @param priority priority within the class, 0 to 7
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxIoPriority(
    @JsonProperty("class") String ioClass,
    Integer priority,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxIoPriority {
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxIoPriority(String ioClass, Integer priority) {
    this(ioClass, priority, Map.of());
  }
}
