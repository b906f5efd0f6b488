package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * containerd's own default seccomp profile ({@code ctr run --seccomp}: containerd writes it into config.json) loads
 * in bramble and gives a container the same answers as under runc, through each runtime's containerd shim.
 */
class ContainerdSeccompIT extends ContainerdTest {
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
