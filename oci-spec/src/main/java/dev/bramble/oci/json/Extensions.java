package dev.bramble.oci.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code Map<String, JsonNode>} record component that collects the JSON properties a
 * model record does not know, so they survive a read/write round trip (runtime-spec: unknown
 * properties MUST be ignored, and tools that rewrite a config must not lose them).
 *
 * <p>The logical property is renamed to a name no JSON document can sensibly contain, so that a
 * real property called {@code "extensions"} is kept as an extension instead of being swallowed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.ANNOTATION_TYPE,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@JacksonAnnotationsInside
@JsonAnySetter
@JsonAnyGetter
@JsonProperty(Extensions.LOGICAL_NAME)
public @interface Extensions {
  /** Internal Jackson property name of the extension map; never written to JSON. */
  String LOGICAL_NAME = "\u0000extensions";
}
