package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that drive the bramble CLI on bundles: a fresh state root and environment marker per test, and
 * afterwards nothing of ours anywhere: no state dir, container process, sentry, mount of {@link #bundle} or cgroup of
 * the containers named in {@link #ids} (force-deleted first, as an operator cleaning up would).
 */
abstract class BundleTest {
  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  @TempDir Path tmp;
  Path root;
  /** Put into every container's environment, so a stray process of this test can be found. */
  String marker;
  /** The bundle whose mounts must be gone afterwards; null while the test has made none. */
  Path bundle;
  final List<String> ids = new ArrayList<>();

  @BeforeEach
  void freshStateAndMarker() {
    root = tmp.resolve("state");
    marker = "BRAMBLE_IT=" + UUID.randomUUID();
  }

  @AfterEach
  void nothingOfOursRemains() throws Exception {
    for (String id : ids) {
      Cli.bramble(root, "delete", "--force", id);
    }
    if (bundle != null) {
      Leftovers.assertNone(root, bundle, marker);
    }
    for (String id : ids) {
      assertEquals(List.of(), cgroupDirs(id), "cgroup of " + id + " left behind");
    }
  }

  /** A unique container id, remembered for the clean-up check. */
  String id(String name) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 6);
    ids.add(id);
    return id;
  }

  /** The container's directory in every hierarchy where it still exists (v1/hybrid: one per mount; v2: one). */
  static List<Path> cgroupDirs(String id) throws Exception {
    List<Path> found = new ArrayList<>();
    List<Path> hierarchies = new ArrayList<>(List.of(CGROUP_ROOT));
    try (var list = Files.list(CGROUP_ROOT)) {
      hierarchies.addAll(list.filter(Files::isDirectory).toList());
    }
    for (Path h : hierarchies) {
      Path dir = h.resolve("bramble").resolve(id);
      if (Files.isDirectory(dir)) {
        found.add(dir);
      }
    }
    return found;
  }
}
