package dev.bramble.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.error.BrambleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status from the recorded phase and a fake /proc. */
class ContainerStatusResolverTest {
  @TempDir Path proc;
  ContainerStatusResolver resolver;

  @BeforeEach
  void setUp() throws Exception {
    stat(100, "S", 5000);
    stat(200, "Z", 6000);
    resolver = new ContainerStatusResolver(new ProcessTable(proc));
  }

  private void stat(int pid, String state, long start) throws Exception {
    Files.createDirectories(proc.resolve(Integer.toString(pid)));
    // comm with spaces and parens, as /proc allows
    String fields = state + " 1 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 " + start + " 0 0";
    Files.writeString(proc.resolve(pid + "/stat"), pid + " (my (odd) comm) " + fields + "\n");
  }

  private static ContainerRecord record(String phase, int pid, long start) {
    return new ContainerRecord("c", "/b", "/b/rootfs", phase, pid, start, 100, 5000, "t", "", Map.of(), null);
  }

  @Test
  void liveInitKeepsItsPhase() {
    assertEquals(ContainerStatus.CREATED, resolver.status(record(ContainerRecord.CREATED, 100, 5000)));
    assertEquals(ContainerStatus.RUNNING, resolver.status(record(ContainerRecord.RUNNING, 100, 5000)));
  }

  @Test
  void deadZombieOrRecycledPidMeansStopped() {
    assertEquals(ContainerStatus.STOPPED, resolver.status(record(ContainerRecord.RUNNING, 300, 5000)));
    assertEquals(ContainerStatus.STOPPED, resolver.status(record(ContainerRecord.RUNNING, 200, 6000)));
    assertEquals(ContainerStatus.STOPPED, resolver.status(record(ContainerRecord.RUNNING, 100, 4999)),
        "same pid, other start time: a recycled pid, not our init");
  }

  @Test
  void aCreateThatDiedMidwayIsStopped() {
    ContainerRecord crashed = new ContainerRecord("c", "/b", "/b/rootfs", ContainerRecord.CREATING, 0, 0, 300, 1,
        "t", "", Map.of(), null);
    assertEquals(ContainerStatus.STOPPED, resolver.status(crashed));
    assertEquals(ContainerStatus.CREATING, resolver.status(record(ContainerRecord.CREATING, 0, 0)));
  }

  @Test
  void wrongStateErrorsNameBothStatuses() {
    BrambleException e = assertThrows(BrambleException.class,
        () -> Transitions.START.require("c9", ContainerStatus.RUNNING));
    assertEquals("cannot start container \"c9\": it is running, and start needs it created", e.getMessage());
    assertTrue(Transitions.DELETE.allows(ContainerStatus.STOPPED));
    assertTrue(!Transitions.KILL.allows(ContainerStatus.STOPPED));
  }
}
