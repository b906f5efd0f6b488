package dev.bramble.runtime.sentry;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The dedicated platform thread that owns every ptrace call for one container (the kernel binds a tracee to the
 * thread that attached it; requests from any other thread fail with ESRCH). Other threads hand it work with
 * {@link #call}.
 *
 * <p>Once the container runs, the thread spends its life blocked in waitpid; work handed to it then needs a way in:
 * a doorbell — a signal to the parked stub, whose signal stop wakes the waitpid. Ordering makes wakeups safe: a
 * caller queues the task before ringing, and the thread publishes the doorbell before it drains the queue.
 */
final class TracerThread {
  /** One waitpid and its handling; false once nothing is left to wait for. */
  interface EventPump {
    boolean pumpOnce();
  }

  private final Thread thread;
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private volatile Runnable doorbell;
  private volatile boolean shutdown;
  private EventPump pump;

  TracerThread(String name) {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the tracer thread and returns its result (rethrowing its unchecked failure). */
  <T> T call(Callable<T> task) {
    if (isCurrent()) {
      try {
        return task.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (shutdown) {
      throw new IllegalStateException("the sentry of this container has stopped");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    tasks.add(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    Runnable bell = doorbell;
    if (bell != null) {
      bell.run();
    }
    try {
      return result.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Called on the tracer thread: from now on block in {@code pump} between tasks, woken by {@code bell}. */
  void enterEventMode(Runnable bell, EventPump eventPump) {
    this.pump = eventPump;
    this.doorbell = bell;
  }

  /** Stops the thread once queued work is done; in-flight callers get their results. */
  void shutdown() {
    shutdown = true;
    tasks.add(() -> {});
    Runnable bell = doorbell;
    if (bell != null) {
      bell.run();
    }
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void loop() {
    try {
      while (true) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        if (shutdown && pump == null) {
          return;
        }
        if (pump == null) {
          tasks.take().run();
        } else if (!pump.pumpOnce()) {
          pump = null;
          doorbell = null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      shutdown = true;
      // whatever is still queued fails fast rather than hanging its caller
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }
}
