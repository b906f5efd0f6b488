package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupPathResolverTest {
  @TempDir Path root;

  private final CgroupLayout hybrid = CgroupLayoutTest.layout(CgroupLayoutTest.HYBRID, "hugetlb");
  private static final Map<String, String> OWN = Map.of("memory", "/process_api/x", "", "/", "cpu", "/");

  private Map<String, String> resolve(String path) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    new CgroupPathResolver(root).resolve(hybrid, path, "c1", OWN, false).forEach((h, p) -> out.put(h.key(), p));
    return out;
  }

  @Test
  void noPathMeansBrambleIdInEveryHierarchy() {
    Map<String, String> paths = resolve(null);
    assertEquals(10, paths.size());
    assertTrue(paths.values().stream().allMatch(p -> p.equals("/bramble/c1")), paths.toString());
  }

  @Test
  void anAbsolutePathIsUsedAsIsInEveryHierarchy() {
    Map<String, String> paths = resolve("/kubepods/burstable/pod1/../pod2/c1");
    assertTrue(paths.values().stream().allMatch(p -> p.equals("/kubepods/burstable/pod2/c1")), paths.toString());
  }

  @Test
  void aRelativePathIsBelowOurOwnCgroupOfEachHierarchy() {
    Map<String, String> paths = resolve("mine/c1");
    assertEquals("/process_api/x/mine/c1", paths.get("memory"));
    assertEquals("/mine/c1", paths.get("cpu"));
    assertEquals("/mine/c1", paths.get("pids"), "a hierarchy missing from /proc/self/cgroup counts as /");
  }

  @Test
  void theRootCgroupIsRefused() {
    BrambleException e = assertThrows(BrambleException.class, () -> resolve("/a/.."));
    assertTrue(e.getMessage().contains("resolves to the root cgroup"), e.getMessage());
  }

  @Test
  void theSystemdFormWithoutTheFlagIsRefusedWithBothWaysOut() {
    BrambleException e = assertThrows(BrambleException.class, () -> resolve("system.slice:docker:c1"));
    assertTrue(e.getMessage().contains("systemd form slice:prefix:name"), e.getMessage());
    assertTrue(e.getMessage().contains("--systemd-cgroup"), e.getMessage());
  }

  @Test
  void theSystemdDriverWithoutSystemdNamesPid1AndTheFix() throws IOException {
    Files.createDirectories(root.resolve("proc/1"));
    Files.writeString(root.resolve("proc/1/comm"), "process_api\n");
    BrambleException e = assertThrows(BrambleException.class, () -> new CgroupPathResolver(root)
        .resolve(hybrid, "system.slice:bramble:c1", "c1", OWN, true));
    assertTrue(e.getMessage().contains("systemd is not running (pid 1 is process_api"), e.getMessage());
    assertTrue(e.getMessage().contains("without --systemd-cgroup"), e.getMessage());
    assertTrue(e.getMessage().contains("SystemdCgroup = false"), e.getMessage());
  }

  @Test
  void theSystemdDriverUnderSystemdIsRefusedAsNotImplemented() throws IOException {
    Files.createDirectories(root.resolve("run/systemd/system"));
    Files.createDirectories(root.resolve("proc/1"));
    Files.writeString(root.resolve("proc/1/comm"), "systemd\n");
    BrambleException e = assertThrows(BrambleException.class, () -> new CgroupPathResolver(root)
        .resolve(hybrid, null, "c1", OWN, true));
    assertTrue(e.getMessage().contains("does not implement the systemd cgroup driver"), e.getMessage());
  }
}
