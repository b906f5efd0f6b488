package dev.bramble.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reports OOM kills in a container's memory cgroup: cgroup v2's memory.events "oom_kill" counter, cgroup v1's
 * memory.oom_control "oom_kill" counter (Linux 4.13+) and its "under_oom" flag (a container whose OOM killer is
 * disabled sits there instead of losing a process). The counters are polled: they are cheap to read, polling works
 * the same on v1 and v2, and it needs no eventfd or inotify plumbing through the native seam. The watch ends when
 * the cgroup is gone (the container was deleted).
 */
public final class OomWatcher implements AutoCloseable {
  /** Told of each OOM event, on the watcher's thread. */
  public interface Listener {
    /** @param kills the cgroup's OOM kill count so far */
    void oom(long kills);

    /** The cgroup disappeared: no more events will come. */
    default void ended() {}
  }

  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

  private final Path dir;
  private final boolean unified;
  private final Thread thread;
  private volatile boolean closed;

  private OomWatcher(CgroupDir memory, Duration interval, Listener listener) {
    this.dir = memory.path();
    this.unified = memory.unified();
    this.thread = new Thread(() -> loop(interval, listener), "oom-watch " + memory.cgroup());
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching; empty when the container has no memory cgroup (the memory controller is absent here).
   */
  public static Optional<OomWatcher> start(CgroupRecord record, Duration interval, Listener listener) {
    return record.holding("memory").map(d -> {
      OomWatcher w = new OomWatcher(d, interval, listener);
      w.thread.start();
      return w;
    });
  }

  private void loop(Duration interval, Listener listener) {
    long kills = killCount().orElse(0L);
    boolean underOom = underOom();
    while (!closed) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      Optional<Long> now = killCount();
      if (now.isEmpty() || !Files.isDirectory(dir)) {
        listener.ended();
        return;
      }
      if (now.get() > kills) {
        kills = now.get();
        listener.oom(kills);
      }
      boolean under = underOom();
      if (under && !underOom) {
        listener.oom(kills);
      }
      underOom = under;
    }
  }

  private Optional<Long> killCount() {
    String file = unified ? "memory.events" : "memory.oom_control";
    if (!Files.exists(dir.resolve(file))) {
      return Optional.empty();
    }
    return Optional.of(CgroupFiles.readKeyValues(dir, file).getOrDefault("oom_kill", 0L));
  }

  private boolean underOom() {
    return !unified && CgroupFiles.readKeyValues(dir, "memory.oom_control").getOrDefault("under_oom", 0L) == 1;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
