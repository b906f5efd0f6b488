package dev.bramble.oci.json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls a model's no-argument accessor reflectively, passing on what the accessor itself throws. */
final class Accessors {
  private Accessors() {}

  static Object call(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + accessor, e);
    }
  }
}
