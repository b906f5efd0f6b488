package dev.bramble.oci.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The JSON spelling of a model enum, read from its {@link JsonValue} method (else its name), and the way back through
 * the spellings (model enums' {@link JsonCreator} factories accept exactly those) — as Jackson would, without
 * building Jackson's enum (de)serializers on a cold start.
 */
public final class EnumJson {
  private EnumJson() {}

  /** Per enum type: its {@link JsonValue} method, empty when it has none (then the name is the spelling). */
  private static final ClassValue<Optional<Method>> SPELLERS = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> type) {
      for (Method m : type.getMethods()) {
        if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  };

  public static String name(Enum<?> constant) {
    return SPELLERS.get(constant.getDeclaringClass())
        .map(m -> String.valueOf(Accessors.call(m, constant)))
        .orElse(constant.name());
  }

  /** The constant of enum {@code type} spelled {@code json}, or empty if none is. */
  public static Optional<Enum<?>> parse(Class<?> type, String json) {
    for (Object constant : type.getEnumConstants()) {
      if (name((Enum<?>) constant).equals(json)) {
        return Optional.of((Enum<?>) constant);
      }
    }
    return Optional.empty();
  }
}
