package dev.bramble.runtime.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The shared services commands use (the kernel seam, the state store, ...), created on first use so a verb pays
 * only for what it touches. {@link Main#registerServices} lists the production factories; a test registers a fake
 * under the same type instead. No static singletons: one registry per {@link CommandContext}.
 */
public final class Services {
  private final Map<Class<?>, Function<CommandContext, ?>> factories = new HashMap<>();
  private final Map<Class<?>, Object> instances = new HashMap<>();

  /** Registers (or replaces, before first use) how to build the service of {@code type}. */
  public synchronized <T> Services register(Class<T> type, Function<CommandContext, ? extends T> factory) {
    if (instances.containsKey(type)) {
      throw new IllegalStateException(type.getName() + " is already in use; register it before the first command runs");
    }
    factories.put(type, factory);
    return this;
  }

  /** The one instance of {@code type}, built on the first call. */
  synchronized <T> T get(Class<T> type, CommandContext context) {
    Object instance = instances.get(type);
    if (instance == null) {
      Function<CommandContext, ?> factory = factories.get(type);
      if (factory == null) {
        throw new IllegalStateException("no service registered for " + type.getName()
            + "; add it to Main.registerServices");
      }
      instance = type.cast(factory.apply(context));
      if (instance == null) {
        throw new IllegalStateException("the factory for " + type.getName() + " returned null");
      }
      instances.put(type, instance);
    }
    return type.cast(instance);
  }
}
