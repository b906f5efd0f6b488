package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupPathsTest {
  @Test
  void cleaningIsLexicalAndNeverClimbsAboveTheRoot() {
    assertEquals("/a/c", CgroupPaths.clean("//a/./b/../c/"));
    assertEquals("/", CgroupPaths.clean(""));
    assertEquals("/etc", CgroupPaths.clean("../../../etc"));
    assertEquals("/kubepods/pod1/c1", CgroupPaths.clean("kubepods/pod1/c1"));
  }

  @Test
  void parentOfTopLevelIsRoot() {
    assertEquals("/", CgroupPaths.parent("/bramble"));
    assertEquals("/bramble", CgroupPaths.parent("/bramble/c1"));
    assertEquals("/", CgroupPaths.parent("/"));
  }

  @Test
  void procCgroupIsKeyedByHierarchy() {
    Map<String, String> own = CgroupPaths.parseProcCgroup(
        "9:name=systemd:/\n4:memory:/process_api/x\n1:cpu,cpuacct:/a:b\n0::/user.slice\n");
    assertEquals("/process_api/x", own.get("memory"));
    assertEquals("/a:b", own.get("cpu,cpuacct"), "only the first two colons separate fields");
    assertEquals("/user.slice", own.get(""));
    assertEquals("/", own.get("name=systemd"));
  }
}
