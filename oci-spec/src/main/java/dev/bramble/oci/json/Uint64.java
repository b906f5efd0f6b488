package dev.bramble.oci.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigInteger;

/**
 * A Go {@code uint64} held in a Java {@code Long} as its 64-bit pattern: values above {@link
 * Long#MAX_VALUE} read back negative (18446744073709551615 is {@code -1L}, which is exactly
 * RLIM_INFINITY and what seccomp compares), and are written back unsigned. Use {@link
 * Long#toUnsignedString(long)} and {@link Long#compareUnsigned(long, long)} when showing or
 * comparing.
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
@JsonSerialize(using = Uint64.Serializer.class)
@JsonDeserialize(using = Uint64.Deserializer.class)
public @interface Uint64 {

  /** 2^64 - 1, the largest uint64. */
  BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** Writes the bit pattern as an unsigned decimal number. */
  final class Serializer extends JsonSerializer<Long> {
    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value >= 0) {
        gen.writeNumber(value);
      } else {
        gen.writeNumber(new BigInteger(Long.toUnsignedString(value)));
      }
    }
  }

  /** Reads an integer in [0, 2^64-1] into its 64-bit pattern. */
  final class Deserializer extends JsonDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return (Long) context.handleUnexpectedToken(Long.class, parser);
      }
      BigInteger value = parser.getBigIntegerValue();
      if (value.signum() < 0 || value.compareTo(MAX) > 0) {
        return (Long)
            context.handleWeirdNumberValue(Long.class, value, "not a uint64 (0 to %s)", MAX);
      }
      return value.longValue();
    }
  }
}
