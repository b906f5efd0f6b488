package dev.bramble.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SpawnRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The kernel hands an exiting thread's children to the thread-group leader — in a JVM the launcher's primordial
 * thread, where no Java thread can wait for them with __WNOTHREAD. These tests put children there the same way
 * and check that the reaper collects them, and leaves alone what it is told a sentry traces.
 */
class ChildReaperTest {
  private final LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());

  /** Spawns {@code argv} from a short-lived thread, so the child ends up with the leader. */
  private int orphanOnLeader(String... argv) throws InterruptedException {
    AtomicInteger pid = new AtomicInteger();
    Thread t = new Thread(() -> pid.set(kernel.spawn(new SpawnRequest(argv[0], List.of(argv), List.of(),
        java.util.Map.of(), false, null))));
    t.start();
    t.join();
    return pid.get();
  }

  private static boolean exists(int pid) {
    return Files.exists(Path.of("/proc", Integer.toString(pid)));
  }

  private static void awaitLeaderChild(int pid) throws Exception {
    Path children = Path.of("/proc/self/task", Long.toString(ProcessHandle.current().pid()), "children");
    for (int i = 0; i < 100; i++) {
      if (List.of(Files.readString(children).trim().split("\\s+")).contains(Integer.toString(pid))
          && Files.readString(Path.of("/proc", Integer.toString(pid), "status")).contains("State:\tZ")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("pid " + pid + " did not become a zombie child of the thread-group leader");
  }

  @Test
  void collectsZombiesReparentedToTheLeader() throws Exception {
    int pid = orphanOnLeader("/bin/true");
    awaitLeaderChild(pid);
    assertEquals(1, new ChildReaper(kernel, Set::of, TestLogs.discard()).reapOnce());
    assertFalse(exists(pid), "the zombie is gone");
  }

  @Test
  void leavesTracedPidsToTheirTracer() throws Exception {
    int pid = orphanOnLeader("/bin/true");
    awaitLeaderChild(pid);
    ChildReaper reaper = new ChildReaper(kernel, () -> Set.of(pid), TestLogs.discard());
    assertEquals(0, reaper.reapOnce());
    assertTrue(exists(pid), "still there for its tracer");
    assertEquals(1, new ChildReaper(kernel, Set::of, TestLogs.discard()).reapOnce());
  }

  @Test
  void doesNotWaitForRunningChildren() throws Exception {
    int pid = orphanOnLeader("/bin/sleep", "5");
    ChildReaper reaper = new ChildReaper(kernel, Set::of, TestLogs.discard());
    long t0 = System.nanoTime();
    assertEquals(0, reaper.reapOnce());
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "WNOHANG: no blocking on a live child");
    kernel.kill(pid, 9);
    awaitLeaderChild(pid);
    assertEquals(1, reaper.reapOnce());
  }
}
