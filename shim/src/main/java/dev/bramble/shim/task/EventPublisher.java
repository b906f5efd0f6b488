package dev.bramble.shim.task;

import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.api.TaskEvents;
import dev.bramble.shim.proto.Timestamp;
import dev.bramble.shim.ttrpc.TtrpcClient;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Forwards task events to containerd over ttrpc ({@code containerd.services.events.ttrpc.v1.Events/Forward} on
 * {@code TTRPC_ADDRESS}), one at a time from a single queue so each task's events keep their order. A failed
 * forward reconnects and retries (containerd may be restarting), as the runc shim does: 5 tries, 1 s × n apart.
 */
public final class EventPublisher implements EventSink {
  static final String SERVICE = "containerd.services.events.ttrpc.v1.Events";
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int ATTEMPTS = 5;
  private static final TaskEvents.Event STOP = new TaskEvents.Event("", null);

  private final Path address;
  private final String namespace;
  private final Logger log;
  private final LinkedBlockingQueue<TaskEvents.Event> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private TtrpcClient client;

  /** @param address containerd's ttrpc socket ({@code TTRPC_ADDRESS}, with or without {@code unix://}) */
  public EventPublisher(String address, String namespace, Logger log) {
    this.address = Path.of(address.startsWith("unix://") ? address.substring("unix://".length()) : address);
    this.namespace = namespace;
    this.log = log;
    this.thread = new Thread(this::run, "events");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  @Override
  public void publish(TaskEvents.Event event) {
    queue.add(event);
  }

  @Override
  public void drain(long millis) {
    queue.add(STOP);
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      TaskEvents.Event event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (event == STOP) {
        closeClient();
        return;
      }
      forward(event);
    }
  }

  private void forward(TaskEvents.Event event) {
    byte[] request = TaskEvents.forwardRequest(event, namespace, Timestamp.of(Instant.now()));
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        if (client == null) {
          client = TtrpcClient.connect(address);
        }
        Response r = client.call(SERVICE, "Forward", request, TIMEOUT_NANOS,
            List.of(Map.entry("containerd-namespace-ttrpc", namespace)));
        if (r.isOk()) {
          return;
        }
        log.warning("publish " + event.topic() + ": containerd refused it: " + r.status().message());
        return;
      } catch (IOException e) {
        closeClient();
        if (attempt == ATTEMPTS) {
          log.error("publish " + event.topic() + " to " + address + " failed " + ATTEMPTS + " times, dropped: "
              + e.getMessage());
          return;
        }
        sleep(1000L * attempt);
      }
    }
  }

  private void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
