package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.arch.SyscallTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-container counts of what the sentry saw at seccomp stops: calls trapped, denied (by the sentry) and emulated,
 * per syscall. Updated on the tracer thread without allocating; read from any thread as a {@link Snapshot}. Calls the
 * filter decides alone (allowed natively, or an {@code errno:} row) never reach the sentry and are not counted.
 */
public final class SyscallCounters {
  /** Counts for one syscall, or for all. */
  public record Counts(long trapped, long denied, long emulated) {}

  /**
   * @param total every syscall together
   * @param bySyscall counts of each syscall that trapped at least once, by name (unnamed numbers as "syscall_N")
   */
  public record Snapshot(Counts total, Map<String, Counts> bySyscall) {
    /** One line for logs: "trapped 12 denied 1 emulated 3; uname 3/0/3, mount 1/1/0". */
    public String summary() {
      StringBuilder s = new StringBuilder("trapped " + total.trapped() + " denied " + total.denied() + " emulated "
          + total.emulated());
      String sep = "; ";
      for (Map.Entry<String, Counts> e : bySyscall.entrySet()) {
        s.append(sep).append(e.getKey()).append(' ').append(e.getValue().trapped()).append('/')
            .append(e.getValue().denied()).append('/').append(e.getValue().emulated());
        sep = ", ";
      }
      return s.toString();
    }
  }

  private final SyscallTable table;
  private final int slots;
  private final AtomicLongArray trapped;
  private final AtomicLongArray denied;
  private final AtomicLongArray emulated;

  public SyscallCounters(SyscallTable table) {
    this.table = table;
    int highest = 0;
    for (String name : table.names()) {
      highest = Math.max(highest, table.require(name));
    }
    this.slots = highest + 2; // the last slot collects numbers outside the table
    this.trapped = new AtomicLongArray(slots);
    this.denied = new AtomicLongArray(slots);
    this.emulated = new AtomicLongArray(slots);
  }

  private int slot(long nr) {
    return nr >= 0 && nr < slots - 1 ? (int) nr : slots - 1;
  }

  void trapped(long nr) {
    trapped.incrementAndGet(slot(nr));
  }

  void denied(long nr) {
    denied.incrementAndGet(slot(nr));
  }

  void emulated(long nr) {
    emulated.incrementAndGet(slot(nr));
  }

  public Snapshot snapshot() {
    long t = 0, d = 0, e = 0;
    Map<String, Counts> by = new TreeMap<>();
    for (int i = 0; i < slots; i++) {
      long ti = trapped.get(i), di = denied.get(i), ei = emulated.get(i);
      if (ti == 0 && di == 0 && ei == 0) {
        continue;
      }
      t += ti;
      d += di;
      e += ei;
      String name = i == slots - 1 ? "unknown" : table.name(i).orElse("syscall_" + i);
      by.put(name, new Counts(ti, di, ei));
    }
    return new Snapshot(new Counts(t, d, e), by);
  }
}
