package dev.bramble.runtime.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
  private static final String SAMPLE = """
      22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
      31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
      40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      50 22 0:50 / /mnt/with\\040space rw - tmpfs tmpfs rw
      """;

  @Test
  void parsesOptionalFieldsAndOctalEscapes() {
    List<MountInfo> m = MountInfo.parse(SAMPLE);
    assertEquals(5, m.size());
    assertTrue(m.get(0).shared());
    assertEquals("/mnt/with space", m.get(4).mountPoint());
    assertEquals("name=systemd", CgroupFilesystem.subsystems(m.get(2).superOptions()).substring(5));
  }

  @Test
  void findsTheMountContainingAPath() {
    List<MountInfo> m = MountInfo.parse(SAMPLE);
    assertEquals("/", MountInfo.containing(m, "/var/lib/x").orElseThrow().mountPoint());
    assertEquals("/sys/fs/cgroup/unified", MountInfo.containing(m, "/sys/fs/cgroup/unified/a").orElseThrow()
        .mountPoint());
  }

  @Test
  void aHybridHostIsNotUnified() {
    CgroupFilesystem fs = CgroupFilesystem.of(MountInfo.parse(SAMPLE), "9:name=systemd:/\n0::/\n");
    assertEquals(2, fs.hostMounts().size());
    assertTrue(!fs.unified());
    assertEquals("none,name=systemd", CgroupFilesystem.subsystems("rw,name=systemd"));
    assertEquals("cpu,cpuacct", CgroupFilesystem.subsystems("rw,cpu,cpuacct"));
    assertEquals("name=systemd", CgroupFilesystem.key(fs.hostMounts().get(0)));
    assertEquals("", CgroupFilesystem.key(fs.hostMounts().get(1)));
    assertEquals("/", fs.ownPaths().get("name=systemd"));
  }

  @Test
  void deviceNumbersUseTheKernelsEncoding() {
    assertEquals(0x103, DeviceSetup.encode(1, 3));
    assertEquals(0x500, DeviceSetup.encode(5, 0));
    assertEquals(0xe00834, DeviceSetup.encode(8, 0xe34), "minor bits above 8 go above the major");
  }
}
