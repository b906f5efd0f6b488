package dev.bramble.runtime.host;

/**
 * A host fact and where it came from, e.g. {@code 16384} from {@code "/proc/self/auxv AT_PAGESZ"}. Sources are
 * written as host paths even when the facts were read from a fixture root, so messages read the same in tests.
 */
public record Sourced<T>(T value, String source) {
  public static <T> Sourced<T> of(T value, String source) {
    return new Sourced<>(value, source);
  }
}
