package dev.bramble.shim.task;

import dev.bramble.shim.api.TaskEvents;

/** Where task events go: containerd's events service in the daemon, a list in tests. */
public interface EventSink {
  /** Queues one event; events are delivered in the order they were queued. */
  void publish(TaskEvents.Event event);

  /** Delivers what is queued (bounded by {@code millis}), then stops. */
  default void drain(long millis) {}
}
