package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesMergeTest {
  private static final LinuxResources BASE = new LinuxResources(null,
      new LinuxMemory(1L << 30, null, 2L << 30, null, null, null, null, null, null),
      new LinuxCpu(512L, 50000L, null, 100000L, null, null, "0-1", null, null), new LinuxPids(100L), null, null,
      null, null, Map.of("memory.high", "900M"));

  @Test
  void aFieldTheUpdateLeavesOutKeepsItsValue() {
    LinuxResources changes = new LinuxResources(null,
        new LinuxMemory(512L << 20, null, null, null, null, null, null, null, null),
        new LinuxCpu(null, 20000L, null, null, null, null, null, null, null), null, null, null, null, null,
        Map.of("memory.max", "1G"));

    LinuxResources merged = ResourcesMerge.merge(BASE, changes);

    assertEquals(512L << 20, merged.memory().limit());
    assertEquals(2L << 30, merged.memory().swap(), "swap kept");
    assertEquals(20000L, merged.cpu().quota());
    assertEquals(100000L, merged.cpu().period(), "runc keeps the period when only the quota changes");
    assertEquals(512L, merged.cpu().shares());
    assertEquals(100L, merged.pids().limit());
    assertEquals(Map.of("memory.high", "900M", "memory.max", "1G"), merged.unified());
  }

  @Test
  void onlyTouchedSectionsAreWrittenAgain() {
    LinuxResources changes = new LinuxResources(null, null, null, new LinuxPids(5L), null, null, null, null, null);
    LinuxResources touched = ResourcesMerge.touched(ResourcesMerge.merge(BASE, changes), changes);
    assertNull(touched.memory());
    assertNull(touched.cpu());
    assertEquals(5L, touched.pids().limit());
    assertEquals(List.of(), touched.devices());
  }
}
