package dev.bramble.oci.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Turns model records into Jackson trees by walking their components: what {@code ObjectMapper.valueToTree} does,
 * without Jackson first building a serializer per record type, which cost ~30 ms of every cold start (each verb
 * writes or prints a record; README, Performance). Writing the tree out stays Jackson's job.
 *
 * <p>Handles what the models use: {@link JsonProperty} names, {@code @JsonInclude(NON_NULL)} on a record,
 * {@link Uint64} bit patterns, {@link Extensions} maps (written after the known properties, like Jackson's any-getter),
 * enums through their {@link EnumJson} spelling, and Strings, Booleans, integers, JsonNodes, Lists and Maps of those.
 * Anything else is handed to Jackson, so the output never depends on which path wrote it.
 */
public final class RecordTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Per record type: accessors, JSON names (null for the extensions map), uint64 markers, null handling. */
  private record Shape(Method[] accessors, String[] names, boolean[] uint64, boolean omitNulls) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      String[] names = new String[components.length];
      boolean[] uint64 = new boolean[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        uint64[i] = components[i].isAnnotationPresent(Uint64.class);
        if (!components[i].isAnnotationPresent(Extensions.class)) {
          JsonProperty renamed = accessors[i].getAnnotation(JsonProperty.class);
          names[i] = renamed != null ? renamed.value() : components[i].getName();
        }
      }
      JsonInclude include = type.getAnnotation(JsonInclude.class);
      return new Shape(accessors, names, uint64, include != null && include.value() == JsonInclude.Include.NON_NULL);
    }
  };

  private RecordTrees() {}

  /** The JSON tree of a record, or of a List or Map of them (what Jackson's valueToTree would give). */
  public static JsonNode toTree(Object value) {
    return value(value, false);
  }

  private static ObjectNode record(Record value) {
    Shape shape = SHAPES.get(value.getClass());
    ObjectNode out = NODES.objectNode();
    Map<?, ?> extensions = null;
    for (int i = 0; i < shape.accessors().length; i++) {
      Object component = Accessors.call(shape.accessors()[i], value);
      if (shape.names()[i] == null) {
        extensions = (Map<?, ?>) component;
      } else if (component != null || !shape.omitNulls()) {
        out.set(shape.names()[i], value(component, shape.uint64()[i]));
      }
    }
    if (extensions != null) {
      extensions.forEach((k, v) -> out.set(k.toString(), value(v, false)));
    }
    return out;
  }

  private static JsonNode value(Object value, boolean uint64) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer n) {
      return NODES.numberNode(n);
    }
    if (value instanceof Long n) {
      return uint64 && n < 0 ? NODES.numberNode(new BigInteger(Long.toUnsignedString(n))) : NODES.numberNode(n);
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Record r) {
      return record(r);
    }
    if (value instanceof Enum<?> e) {
      return NODES.textNode(EnumJson.name(e));
    }
    if (value instanceof Collection<?> items) {
      ArrayNode out = NODES.arrayNode();
      items.forEach(item -> out.add(value(item, false)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = NODES.objectNode();
      map.forEach((k, v) -> out.set(k.toString(), value(v, false)));
      return out;
    }
    return OciJson.mapper().valueToTree(value);
  }
}
