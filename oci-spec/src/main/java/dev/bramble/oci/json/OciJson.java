package dev.bramble.oci.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration for OCI documents. Output looks like Go's {@code
 * json.MarshalIndent(v, "", " ")}: two-space indent, {@code "key": value}, one array element per
 * line, {@code []} for empty arrays, {@code \n} line ends on every host. bramble's own hot paths read and write trees
 * with {@link JsonTrees} and {@link RecordTrees} instead, which never build this mapper.
 */
public final class OciJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // unknown properties land in each record's @Extensions map; this is a second safety net
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  private static final ObjectWriter PRETTY = MAPPER.writer(JsonTrees.prettyPrinter());

  private OciJson() {}

  /** The shared mapper (thread-safe; do not reconfigure it). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A writer producing the runc-like pretty layout. */
  public static ObjectWriter prettyWriter() {
    return PRETTY;
  }
}
