package dev.bramble.runtime.container;

import java.util.function.IntConsumer;

/** Delivers the signals this process receives to the container while it runs in the foreground (runc run). */
public interface SignalForwarding {
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  Registration forwardTo(IntConsumer target);

  /** Forwards nothing: for tests and callers that handle signals themselves. */
  SignalForwarding NONE = target -> () -> {};
}
