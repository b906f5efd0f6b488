package dev.bramble.shim.task;

import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.ProcFs;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import dev.bramble.runtime.log.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The shim daemon is a child subreaper; orphans of its containers (possible only for a container without a pid
 * namespace: otherwise its init inherits them) are reparented to the daemon's thread-group leader — the kernel picks
 * the first live thread of the group, the leader, and in a JVM that is the launcher's primordial thread, which never
 * runs Java code. So no Java thread can collect them with {@code waitpid(-1, __WNOTHREAD)}, and
 * {@code waitpid(-1)} without it would steal the exits and ptrace stops of the sentries' tracees.
 *
 * <p>Instead this one thread lists the leader's children ({@code /proc/self/task/<pid>/children}) and collects each
 * that no sentry traces with a targeted {@code waitpid(pid, WNOHANG|__WALL)}. A sentry's tracees are skipped: their
 * exits belong to the tracer thread, which removes them from its set once seen, after which they are ours.
 */
public final class ChildReaper {
  private static final long PERIOD_MS = 1000;
  private final LinuxKernel kernel;
  private final Supplier<Set<Integer>> traced;
  private final Logger log;
  private final Path children;

  /** @param traced every pid some hosted sentry traces right now */
  public ChildReaper(LinuxKernel kernel, Supplier<Set<Integer>> traced, Logger log) {
    this.kernel = kernel;
    this.traced = traced;
    this.log = log;
    int self = kernel.getpid();
    this.children = Path.of("/proc/self/task", Integer.toString(self), "children");
  }

  public void start() {
    Thread t = new Thread(this::loop, "reaper");
    t.setDaemon(true);
    t.start();
  }

  private void loop() {
    while (true) {
      reapOnce();
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One pass; returns how many children were collected. */
  public int reapOnce() {
    String list;
    try {
      list = ProcFs.read(children).trim();
    } catch (IOException e) {
      return 0;
    }
    if (list.isEmpty()) {
      return 0;
    }
    Set<Integer> skip = traced.get();
    int reaped = 0;
    for (String word : list.split("\\s+")) {
      int pid = Integer.parseInt(word);
      if (skip.contains(pid)) {
        continue;
      }
      try {
        WaitStatus s = kernel.waitpid(pid, Ptrace.WNOHANG | Ptrace.WALL);
        if (s.pid() == pid && s.terminated()) {
          reaped++;
          log.debug("reaped orphan " + s);
        }
      } catch (SyscallException e) {
        // not ours any more (ECHILD): its tracer or someone else collected it
      }
    }
    return reaped;
  }
}
