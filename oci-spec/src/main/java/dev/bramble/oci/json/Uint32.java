package dev.bramble.oci.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model component (or the elements of a list component) as a Go uint32 (0 to 4294967295),
 * held in a Long. The type checker in {@code dev.bramble.oci.validation} reports values outside the
 * range by JSON path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
public @interface Uint32 {
  long MIN = 0L;
  long MAX = 4294967295L;
}
