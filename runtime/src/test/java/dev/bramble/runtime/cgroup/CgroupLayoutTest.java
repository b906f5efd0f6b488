package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.setup.MountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layouts read from captured mountinfo: this VM (hybrid), a cgroup v2 host, and a bind-mounted subtree. */
class CgroupLayoutTest {
  static final String HYBRID = """
      31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
      32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
      33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
      34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
      35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
      36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
      37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
      38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
      39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
      40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      """;

  static final String V2 = """
      30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate
      """;

  static CgroupLayout layout(String mountinfo, String unifiedControllers) {
    return CgroupLayout.of(MountInfo.parse(mountinfo), p -> p.toString().endsWith("cgroup.controllers")
        ? Optional.of(unifiedControllers) : Optional.empty());
  }

  @Test
  void hybridHasOneHierarchyPerV1MountPlusTheUnifiedOne() {
    CgroupLayout l = layout(HYBRID, "hugetlb");
    assertEquals(List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids",
        "name=systemd", ""), l.hierarchies().stream().map(Hierarchy::key).toList());
    assertFalse(l.unifiedOnly());
    assertEquals(Path.of("/sys/fs/cgroup/memory"), l.holding("memory").orElseThrow().mountPoint());
    assertTrue(l.holding("hugetlb").orElseThrow().unified(), "hugetlb lives in cgroup v2 on this host");
    assertTrue(l.holding("net_cls").isEmpty());
    assertEquals(Set.of(), l.hierarchies().get(8).controllers(), "a named hierarchy has no controllers");
  }

  @Test
  void aCgroupV2HostHasOnlyTheUnifiedHierarchy() {
    CgroupLayout l = layout(V2, "cpuset cpu io memory hugetlb pids rdma misc");
    assertTrue(l.unifiedOnly());
    assertTrue(l.holding("memory").orElseThrow().unified());
    assertTrue(l.holding("io").isPresent());
    assertTrue(l.holding("blkio").isEmpty());
  }

  @Test
  void coMountedControllersShareOneKeyAsProcCgroupNamesThem() {
    CgroupLayout l = layout("""
        32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
        """, "");
    assertEquals("cpu,cpuacct", l.hierarchies().get(0).key());
    assertEquals(l.holding("cpu"), l.holding("cpuacct"));
  }

  @Test
  void aBindMountedSubtreeMapsCgroupPathsBelowItsRoot() {
    Hierarchy h = new Hierarchy("", Path.of("/sys/fs/cgroup"), "/docker/abc", true, Set.of());
    assertEquals(Path.of("/sys/fs/cgroup/bramble/c1"), h.dirOf("/docker/abc/bramble/c1"));
    assertEquals(Path.of("/sys/fs/cgroup"), h.dirOf("/docker/abc"));
    assertThrows(IllegalArgumentException.class, () -> h.dirOf("/bramble/c1"));
  }

  @Test
  void theWholeTreeMountIsPreferredOverASubtreeBindOfTheSameHierarchy() {
    CgroupLayout l = layout("""
        50 31 0:32 /sub /mnt/memsub rw - cgroup cgroup rw,memory
        35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
        """, "");
    assertEquals(1, l.hierarchies().size());
    assertEquals(Path.of("/sys/fs/cgroup/memory"), l.hierarchies().get(0).mountPoint());
  }
}
