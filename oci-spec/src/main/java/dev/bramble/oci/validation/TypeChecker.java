package dev.bramble.oci.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.bramble.oci.json.EnumJson;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Uint16;
import dev.bramble.oci.json.Uint32;
import dev.bramble.oci.json.Uint64;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON tree against the shape of a model record before Jackson binds it, so that every
 * wrongly typed field is reported with its own path instead of Jackson stopping at the first.
 *
 * <p>The shape is read from the records themselves (component types plus the {@link Uint64}, {@link
 * Uint32} and {@link Uint16} range markers), so model and checker cannot drift apart. Like Go's
 * encoding/json, a JSON {@code null} for an object field counts as absent. Properties the model
 * does not know are left alone: they are extensions.
 *
 * <p>The checker also returns a sanitized copy of the tree with the bad values removed (bad array
 * elements become null, so indices stay stable) from which the model can always be built; semantic
 * checks then run on that model and can still report everything else.
 */
public final class TypeChecker {
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private static final ClassValue<Map<String, RecordComponent>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
          Map<String, RecordComponent> byJsonName = new HashMap<>();
          for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(Extensions.class)) {
              continue;
            }
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : component.getName();
            byJsonName.put(name, component);
          }
          return byJsonName;
        }
      };

  /** The model built from the sanitized tree, plus every type problem found. */
  public record Checked<T>(T value, List<SpecProblem> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }
  }

  private final Problems problems;

  private TypeChecker(Problems problems) {
    this.problems = problems;
  }

  /**
   * Type-checks {@code document} as a {@code type} and binds the sanitized tree. The value is null
   * only when the document is not a JSON object at all.
   */
  public static <T extends Record> Checked<T> check(JsonNode document, Class<T> type) {
    Problems problems = new Problems();
    T value = check(document, type, problems);
    return new Checked<>(value, problems.list());
  }

  static <T extends Record> T check(JsonNode document, Class<T> type, Problems problems) {
    JsonNode sanitized = new TypeChecker(problems).checkRecord(document, type, "");
    if (sanitized == null) {
      return null;
    }
    try {
      return RecordBinder.bind(sanitized, type);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The checker should have removed whatever Jackson rejects; if not, still fail closed.
      problems.add("", Kind.TYPE, "cannot bind document: " + e.getMessage());
      return null;
    }
  }

  private JsonNode checkRecord(JsonNode node, Class<?> type, String path) {
    if (!node.isObject()) {
      problems.wrongType(path, node, "an object");
      return null;
    }
    Map<String, RecordComponent> components = COMPONENTS.get(type);
    ObjectNode sanitized = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      RecordComponent component = components.get(field.getKey());
      if (component == null) {
        sanitized.set(field.getKey(), field.getValue()); // an extension: kept verbatim
        continue;
      }
      if (field.getValue().isNull()) {
        continue; // Go semantics: null is the same as absent
      }
      JsonNode value =
          checkValue(
              field.getValue(),
              component.getGenericType(),
              component,
              JsonPath.field(path, field.getKey()));
      if (value != null) {
        sanitized.set(field.getKey(), value);
      }
    }
    return sanitized;
  }

  private JsonNode checkValue(JsonNode node, Type type, RecordComponent component, String path) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type element = generic.getActualTypeArguments()[raw == Map.class ? 1 : 0];
      if (raw == List.class) {
        return checkList(node, element, component, path);
      }
      if (raw == Map.class) {
        return checkMap(node, element, component, path);
      }
      throw new IllegalStateException("unsupported model type " + type + " at " + path);
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      return expect(node, node.isTextual(), path, "a string");
    }
    if (cls == Boolean.class || cls == boolean.class) {
      return expect(node, node.isBoolean(), path, "a boolean (true or false)");
    }
    if (cls == Long.class || cls == Integer.class || cls == long.class || cls == int.class) {
      return checkInteger(node, cls, component, path);
    }
    if (cls == JsonNode.class) {
      return node;
    }
    if (cls.isEnum()) {
      return checkEnum(node, cls, path);
    }
    if (cls.isRecord()) {
      return checkRecord(node, cls, path);
    }
    throw new IllegalStateException("unsupported model type " + type + " at " + path);
  }

  private JsonNode expect(JsonNode node, boolean ok, String path, String expected) {
    if (ok) {
      return node;
    }
    problems.wrongType(path, node, expected);
    return null;
  }

  private JsonNode checkList(JsonNode node, Type element, RecordComponent component, String path) {
    if (!node.isArray()) {
      problems.wrongType(path, node, "an array of " + plural(element, component));
      return null;
    }
    ArrayNode sanitized = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String itemPath = JsonPath.index(path, i);
      JsonNode value;
      if (item.isNull()) {
        problems.wrongType(itemPath, item, describe(element, component));
        value = null;
      } else {
        value = checkValue(item, element, component, itemPath);
      }
      sanitized.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
    }
    return sanitized;
  }

  private JsonNode checkMap(JsonNode node, Type element, RecordComponent component, String path) {
    if (!node.isObject()) {
      problems.wrongType(path, node, "an object mapping names to " + plural(element, component));
      return null;
    }
    ObjectNode sanitized = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String entryPath = JsonPath.key(path, entry.getKey());
      JsonNode value =
          entry.getValue().isNull()
              ? expect(entry.getValue(), false, entryPath, describe(element, component))
              : checkValue(entry.getValue(), element, component, entryPath);
      if (value != null) {
        sanitized.set(entry.getKey(), value);
      }
    }
    return sanitized;
  }

  private JsonNode checkInteger(
      JsonNode node, Class<?> cls, RecordComponent component, String path) {
    String expected = describe(cls, component);
    if (!node.isIntegralNumber()) {
      problems.wrongType(path, node, expected);
      return null;
    }
    BigInteger value = node.bigIntegerValue();
    BigInteger[] range = range(cls, component);
    if (value.compareTo(range[0]) < 0 || value.compareTo(range[1]) > 0) {
      problems.add(
          path, Kind.TYPE, "value out of range: found " + value + "; expected " + expected);
      return null;
    }
    return node;
  }

  private JsonNode checkEnum(JsonNode node, Class<?> cls, String path) {
    List<String> allowed = new ArrayList<>();
    for (Object constant : cls.getEnumConstants()) {
      allowed.add(EnumJson.name((Enum<?>) constant));
    }
    if (!node.isTextual()) {
      problems.wrongType(path, node, "a string, one of: " + String.join(", ", allowed));
      return null;
    }
    if (!allowed.contains(node.asText())) {
      problems.notOneOf(path, "value", node.asText(), allowed);
      return null;
    }
    return TextNode.valueOf(node.asText());
  }

  private static BigInteger[] range(Class<?> cls, RecordComponent component) {
    if (component.isAnnotationPresent(Uint64.class)) {
      return new BigInteger[] {BigInteger.ZERO, Uint64.MAX};
    }
    if (component.isAnnotationPresent(Uint32.class)) {
      return new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(Uint32.MAX)};
    }
    if (component.isAnnotationPresent(Uint16.class)) {
      return new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(Uint16.MAX)};
    }
    return cls == Integer.class || cls == int.class
        ? new BigInteger[] {INT32_MIN, INT32_MAX}
        : new BigInteger[] {INT64_MIN, INT64_MAX};
  }

  private static String describe(Type type, RecordComponent component) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
      if (component.isAnnotationPresent(Uint64.class)) {
        return "an unsigned integer (uint64: 0 to " + Uint64.MAX + ")";
      }
      if (component.isAnnotationPresent(Uint32.class)) {
        return "an unsigned integer (uint32: 0 to " + Uint32.MAX + ")";
      }
      if (component.isAnnotationPresent(Uint16.class)) {
        return "an unsigned integer (uint16: 0 to " + Uint16.MAX + ")";
      }
      return type == Integer.class || type == int.class ? "an integer (int32)" : "an integer (int64)";
    }
    return "an object";
  }

  private static String plural(Type element, RecordComponent component) {
    if (element == String.class) {
      return "strings";
    }
    if (element == Long.class || element == Integer.class) {
      return "integers (" + describe(element, component).replaceFirst("^an? ", "") + ")";
    }
    return "objects";
  }
}
