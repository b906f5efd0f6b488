package dev.bramble.oci.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.EnumJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds model records from a tree {@link TypeChecker} has already sanitized, by calling each record's canonical
 * constructor with its components read from the tree — what Jackson's treeToValue did, without Jackson building a
 * deserializer per record type first. That construction cost ~0.1 s on every cold start, i.e. on every `bramble
 * create` and every shim Create; this walk costs a few milliseconds. Serialization still goes through Jackson.
 *
 * <p>Only the sanitized shape is handled: Strings, Booleans, Integers, Longs (uint64 as the 64-bit pattern, as the
 * model keeps them) and their primitives (absent = zero, as Jackson), JsonNode, enums by their JSON spelling,
 * records, Lists and Maps of those, and the {@link Extensions} map of unknown properties.
 */
final class RecordBinder {
  /** Per record type: the canonical constructor and, per component, its JSON name (null for the extensions). */
  private record Shape(Constructor<?> constructor, RecordComponent[] components, String[] jsonNames,
      Set<String> known) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] parameterTypes = new Class<?>[components.length];
      String[] names = new String[components.length];
      Set<String> known = new java.util.HashSet<>();
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
        if (!components[i].isAnnotationPresent(Extensions.class)) {
          JsonProperty renamed = components[i].getAccessor().getAnnotation(JsonProperty.class);
          names[i] = renamed != null ? renamed.value() : components[i].getName();
          known.add(names[i]);
        }
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
        constructor.setAccessible(true);
        return new Shape(constructor, components, names, Set.copyOf(known));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
      }
    }
  };

  private RecordBinder() {}

  static <T> T bind(JsonNode node, Class<T> type) {
    return type.cast(record(node, type));
  }

  private static Object record(JsonNode node, Class<?> type) {
    Shape shape = SHAPES.get(type);
    Object[] args = new Object[shape.components().length];
    for (int i = 0; i < args.length; i++) {
      RecordComponent c = shape.components()[i];
      if (shape.jsonNames()[i] == null) {
        args[i] = extensions(node, shape.known());
      } else {
        JsonNode value = node.get(shape.jsonNames()[i]);
        args[i] = value == null || value.isNull() ? absent(c.getType()) : value(value, c.getGenericType());
      }
    }
    try {
      return shape.constructor().newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  /** An absent property: null, or for a primitive component its zero, as Jackson fills it in. */
  private static Object absent(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }

  private static Map<String, JsonNode> extensions(JsonNode node, Set<String> known) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!known.contains(field.getKey())) {
        out.put(field.getKey(), field.getValue());
      }
    }
    return out;
  }

  private static Object value(JsonNode node, Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      if (raw == List.class) {
        Type element = generic.getActualTypeArguments()[0];
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          list.add(item.isNull() ? null : value(item, element));
        }
        return list;
      }
      if (raw == Map.class) {
        Type element = generic.getActualTypeArguments()[1];
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          map.put(entry.getKey(), entry.getValue().isNull() ? null : value(entry.getValue(), element));
        }
        return map;
      }
      throw new IllegalStateException("unsupported model type " + type);
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      return node.asText();
    }
    if (cls == Boolean.class || cls == boolean.class) {
      return node.booleanValue();
    }
    if (cls == Long.class || cls == long.class) {
      return node.bigIntegerValue().longValue(); // uint64 above Long.MAX_VALUE keeps its bit pattern
    }
    if (cls == Integer.class || cls == int.class) {
      return node.intValue();
    }
    if (cls == JsonNode.class) {
      return node;
    }
    if (cls.isRecord()) {
      return record(node, cls);
    }
    if (cls.isEnum()) {
      return EnumJson.parse(cls, node.asText()).orElseThrow(() -> new IllegalArgumentException("no "
          + cls.getSimpleName() + " is spelled \"" + node.asText() + "\""));
    }
    throw new IllegalStateException("unsupported model type " + type);
  }
}
