package dev.bramble.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.json.OciJson;
import dev.bramble.runtime.error.BrambleException;

import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.cgroup.CgroupDir;
import dev.bramble.runtime.cgroup.CgroupRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup part of state.json: kept through every phase change, absent in older files; paused from the freezer. */
class ContainerCgroupStateTest {
  @TempDir Path root;

  private static final CgroupRecord CGROUP = new CgroupRecord(List.of(
      new CgroupDir("memory", false, List.of("memory"), "/bramble/c1", "/sys/fs/cgroup/memory/bramble/c1"),
      new CgroupDir("", true, List.of("hugetlb"), "/bramble/c1", "/sys/fs/cgroup/unified/bramble/c1")),
      new LinuxResources(null, new LinuxMemory(1L << 26, null, null, null, null, null, null, null, null), null,
          null, null, null, null, null, null));

  @Test
  void theCgroupRecordRoundTripsAndSurvivesPhaseChanges() {
    StateStore store = new StateStore(root);
    ContainerRecord r = StateStoreTest.record("c1").withCgroup(CGROUP);
    store.create(r);
    store.save(store.require("c1").withInit(10, 20).withPhase(ContainerRecord.RUNNING).withExitStatus(0));

    ContainerRecord back = store.require("c1");

    assertEquals(CGROUP, back.cgroup());
    assertEquals("/sys/fs/cgroup/memory/bramble/c1", back.cgroup().holding("memory").orElseThrow().dir());
    assertEquals("/bramble/c1", back.cgroup().displayPath());
  }

  @Test
  void stateJsonIsWhatJacksonWouldWriteAndReadsBackAsJacksonWouldRead() throws Exception {
    StateStore store = new StateStore(root);
    ContainerRecord r = StateStoreTest.record("c1").withCgroup(CGROUP).withInit(10, 1L << 40).withExitStatus(137);
    store.create(r);
    String written = Files.readString(root.resolve("c1/state.json"));
    assertEquals(OciJson.mapper().writeValueAsString(r), written);
    assertEquals(OciJson.mapper().readValue(written, ContainerRecord.class), store.require("c1"));
  }

  @Test
  void aDamagedStateFileNamesTheFieldAndTheRemedy() throws Exception {
    Files.createDirectories(root.resolve("bad"));
    Files.writeString(root.resolve("bad/state.json"), """
        {"id":"bad","bundle":"/b","rootfs":"/b/rootfs","phase":"running","pid":"one","pidStartTime":2,
         "sentryPid":3,"sentryStartTime":4,"created":"t","owner":"","annotations":{}}
        """);
    BrambleException e = assertThrows(BrambleException.class, () -> new StateStore(root).load("bad"));
    assertTrue(e.getMessage().contains("pid"), e.getMessage());
    assertTrue(e.getMessage().contains("an integer (int32)"), e.getMessage());
    assertTrue(e.getMessage().contains("remove the directory " + root.resolve("bad")), e.getMessage());
    Files.writeString(root.resolve("bad/state.json"), "{\"id\": ");
    e = assertThrows(BrambleException.class, () -> new StateStore(root).load("bad"));
    assertTrue(e.getMessage().contains("the state is damaged"), e.getMessage());
  }

  @Test
  void stateWrittenBeforeCgroupsStillReads() throws Exception {
    Files.createDirectories(root.resolve("old"));
    Files.writeString(root.resolve("old/state.json"), """
        {"id":"old","bundle":"/b","rootfs":"/b/rootfs","phase":"running","pid":1,"pidStartTime":2,
         "sentryPid":3,"sentryStartTime":4,"created":"t","owner":"","annotations":{}}
        """);
    assertNull(new StateStore(root).require("old").cgroup());
  }

  @Test
  void aRunningContainerWhoseCgroupIsFrozenIsPaused() throws Exception {
    Path proc = root.resolve("proc");
    Files.createDirectories(proc.resolve("100"));
    Files.writeString(proc.resolve("100/stat"), "100 (sh) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0\n");
    ContainerRecord running = new ContainerRecord("c", "/b", "/b/rootfs", ContainerRecord.RUNNING, 100, 5000, 100,
        5000, "t", "", Map.of(), null).withCgroup(CGROUP);
    ContainerRecord created = running.withPhase(ContainerRecord.CREATED);

    ContainerStatusResolver frozen = new ContainerStatusResolver(new ProcessTable(proc), r -> true);
    ContainerStatusResolver thawed = new ContainerStatusResolver(new ProcessTable(proc), r -> false);

    assertEquals(ContainerStatus.PAUSED, frozen.status(running));
    assertEquals(ContainerStatus.RUNNING, thawed.status(running));
    assertEquals(ContainerStatus.CREATED, frozen.status(created), "only a running container pauses");
    assertEquals(ContainerStatus.STOPPED, frozen.status(running.withInit(999, 1)), "a dead init is stopped");
  }
}
