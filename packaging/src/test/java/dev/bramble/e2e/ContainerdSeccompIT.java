package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * containerd's own default seccomp profile ({@code ctr run --seccomp}: containerd writes it into config.json) loads
 * in bramble and gives a container the same answers as under runc, through each runtime's containerd shim.
 */
class ContainerdSeccompIT {
  /** busybox probes whose answer a seccomp profile decides; each prints NAME=EXIT_STATUS. */
  private static final String PROBES = String.join("; ",
      "busybox mount -t tmpfs probe /tmp >/dev/null 2>&1; echo mount=$?",
      "busybox hostname probe-host >/dev/null 2>&1; echo sethostname=$?",
      "busybox unshare -U true >/dev/null 2>&1; echo unshare_user=$?",
      "busybox date -s 2000-01-01 >/dev/null 2>&1; echo settime=$?",
      "busybox chroot / true >/dev/null 2>&1; echo chroot=$?",
      "busybox nice -n -5 true >/dev/null 2>&1; echo nice=$?",
      "busybox uname -r",
      "busybox linux32 busybox uname -m",
      "busybox cat /proc/self/status | busybox grep -E '^(Seccomp|NoNewPrivs):'");

  private static ContainerdSupport containerd;
  private final List<String> groups = new ArrayList<>();

  @BeforeAll
  static void startContainerd() throws Exception {
    assumeTrue(ContainerdSupport.available(), "containerd, ctr and busybox-static are needed (dev/install-deps)");
    containerd = ContainerdSupport.start();
  }

  @AfterAll
  static void stopContainerd() {
    if (containerd != null) {
      containerd.close();
    }
  }

  @AfterEach
  void nothingOfOursRemains() throws Exception {
    assertTrue(containerd.awaitNoShims(15_000), "shims still running: " + containerd.shimProcesses());
    assertEquals(List.of(), containerd.leftovers(groups));
  }

  private Cli.Result run(String runtime, String id) {
    groups.add(id);
    return containerd.ctr("run", "--rm", "--seccomp", "--runtime", runtime, ContainerdSupport.IMAGE, id, "sh", "-c",
        PROBES);
  }

  @Test
  void containersDefaultProfileAnswersAsUnderRunc() {
    Cli.Result runc = run("io.containerd.runc.v2", "seccomp-runc");
    assertEquals(0, runc.exit(), runc.all() + containerd.log());
    Cli.Result bramble = run(ContainerdSupport.RUNTIME, "seccomp-bramble");
    assertEquals(0, bramble.exit(), bramble.all() + containerd.log());
    assertEquals(runc.out(), bramble.out());
    assertTrue(bramble.out().contains("Seccomp:\t2"), "a filter is loaded: " + bramble.out());
    groups.add("seccomp-filters");
    Cli.Result filters = containerd.ctr("run", "--rm", "--seccomp", "--runtime", ContainerdSupport.RUNTIME,
        ContainerdSupport.IMAGE, "seccomp-filters", "busybox", "grep", "Seccomp_filters", "/proc/self/status");
    assertEquals("Seccomp_filters:\t2\n", filters.out(), "bramble's sandbox filter and containerd's profile");
    assertTrue(bramble.out().contains("mount=") && !bramble.out().contains("mount=0"), bramble.out());
  }
}
