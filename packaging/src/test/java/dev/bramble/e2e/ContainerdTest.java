package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that drive a real containerd: one private containerd per test class, and after every test no
 * shim process, socket (nor ready file), mount or bundle of the task groups the test named in {@link #groups}.
 */
abstract class ContainerdTest {
  static ContainerdSupport containerd;
  final List<String> groups = new ArrayList<>();

  @BeforeAll
  static void startContainerd() throws Exception {
    assumeTrue(ContainerdSupport.available(), "containerd, ctr and busybox-static are needed (dev/install-deps)");
    containerd = ContainerdSupport.start();
  }

  @AfterAll
  static void stopContainerd() {
    if (containerd != null) {
      containerd.close();
      containerd = null;
    }
  }

  /** How long a test's shims may take to exit after its last container: a pod's shim leaves at once. */
  long shimExitMillis() {
    return 15_000;
  }

  @AfterEach
  void nothingOfOursRemains() throws Exception {
    assertTrue(containerd.awaitNoShims(shimExitMillis()), "shims still running: " + containerd.shimProcesses());
    assertEquals(List.of(), containerd.leftovers(groups));
  }
}
