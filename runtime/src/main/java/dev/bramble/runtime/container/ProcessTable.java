package dev.bramble.runtime.container;

import dev.bramble.runtime.linux.ProcFs;
import java.io.IOException;
import java.nio.file.Path;

/** Facts about host processes from /proc, used to tell a live container from a recycled pid. */
public final class ProcessTable {
  private final Path proc;

  public ProcessTable(Path proc) {
    this.proc = proc;
  }

  public static ProcessTable host() {
    return new ProcessTable(Path.of("/proc"));
  }

  /** Start time in clock ticks since boot (field 22 of /proc/PID/stat), or -1 if the process does not exist. */
  public long startTime(int pid) {
    String[] fields = statFields(pid);
    return fields == null ? -1 : Long.parseLong(fields[19]);
  }

  /** Whether {@code pid} is the process that started at {@code startTime} and has not exited (zombies have). */
  public boolean alive(int pid, long startTime) {
    if (pid <= 0) {
      return false;
    }
    String[] fields = statFields(pid);
    return fields != null && !fields[0].equals("Z") && !fields[0].equals("X")
        && (startTime <= 0 || Long.parseLong(fields[19]) == startTime);
  }

  /** The fields after "pid (comm) ": index 0 is the state letter, 19 the start time. */
  private String[] statFields(int pid) {
    try {
      String stat = ProcFs.read(proc.resolve(Integer.toString(pid)).resolve("stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
