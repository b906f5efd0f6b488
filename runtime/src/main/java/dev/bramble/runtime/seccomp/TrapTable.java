package dev.bramble.runtime.seccomp;

import java.util.List;

/**
 * What the sentry does at a seccomp stop, by the stop's SECCOMP_RET_DATA: the sandbox filter returns
 * {@code TRACE(i)} for the i-th trapping row, and {@code TRACE(RUN)} for a call that only needs to be seen (the
 * default in trap-all mode). The data is computed by the kernel from registers, so the sentry never re-derives a
 * decision from anything the tracee could change.
 */
public final class TrapTable {
  /** The data of a call the sentry lets run (trap-all mode's default). */
  public static final int RUN = 0xffff;

  private final List<PolicyEntry> rows;

  TrapTable(List<PolicyEntry> rows) {
    if (rows.size() >= RUN) {
      throw new IllegalArgumentException("too many trapping rows for SECCOMP_RET_DATA: " + rows.size());
    }
    this.rows = List.copyOf(rows);
  }

  /** The row behind a stop's data; null for {@link #RUN}. */
  public PolicyEntry row(int data) {
    if (data == RUN) {
      return null;
    }
    if (data < 0 || data >= rows.size()) {
      throw new IllegalArgumentException("seccomp stop data " + data + " names no row of the sandbox filter ("
          + rows.size() + " trapping rows)");
    }
    return rows.get(data);
  }

  public List<PolicyEntry> rows() {
    return rows;
  }
}
