package dev.bramble.runtime.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.Spec;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.config.ContainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup plan a `bramble spec` config produces, checked call by call against a recording fake. */
class InitSetupTest {
  /** `bramble spec` as on a cgroup v2 host (with a cgroup namespace), whatever this host is. */
  static final Spec SPEC = DefaultSpec.create(new DefaultSpec.Options(false, true, 0, 0));

  @TempDir Path bundle;
  RecordingSyscalls sys;
  String rootfs;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectory(bundle.resolve("rootfs"));
    rootfs = bundle.resolve("rootfs").toString();
    sys = new RecordingSyscalls();
  }

  private void run(Spec spec) {
    ContainerConfig config = new ConfigTranslator(40).translate("c1", bundle, spec);
    new InitSetup(config, OpenFlags.of(Arch.X86_64), 40).run(sys, List.of(), new CgroupFilesystem(List.of(
        new MountInfo(1, 0, "/", "/sys/fs/cgroup", "rw", List.of(), "cgroup2", "cgroup2", "rw")), Map.of()));
  }

  private int index(String call) {
    int i = sys.calls.indexOf(call);
    assertTrue(i >= 0, () -> "missing call " + call + " in\n" + String.join("\n", sys.calls));
    return i;
  }

  @Test
  void buildsTheDefaultContainerInRuncOrder() {
    sys.notDirectories.addAll(List.of("proc/kcore", "proc/keys", "proc/latency_stats", "proc/timer_list",
        "proc/timer_stats", "proc/sched_debug", "proc/sysrq-trigger"));
    run(SPEC);

    assertEquals("umask(00)", sys.calls.get(0), "devices get exactly their modes");
    int propagation = index("mount(, /, , 0x84000, )"); // MS_SLAVE|MS_REC, runc's default
    int bindRoot = index("mount(" + rootfs + ", " + rootfs + ", bind, 0x5000, )");
    int proc = index("mount(proc, fd:proc, proc, 0x0, )");
    int dev = index("mount(tmpfs, fd:dev, tmpfs, 0x1000002, mode=755,size=65536k)");
    int devNull = index("mknodat(dev/null, 020666, 0x103)");
    int ptmx = index("symlinkat(dev/ptmx -> pts/ptmx)");
    int pivot = index("pivot_root(., .)");
    int detach = index("umount2(., 2)");
    int hostname = index("sethostname(bramble)");
    int readonlyRoot = index("mount(, /, , 0x1021, )");
    int setuid = index("setresuid(0)");
    assertTrue(propagation < bindRoot && bindRoot < proc && proc < dev && dev < devNull && devNull < ptmx
        && ptmx < pivot && pivot < detach && detach < hostname && hostname < readonlyRoot && readonlyRoot < setuid,
        String.join("\n", sys.calls));
    assertEquals("chdir(/)", sys.calls.get(sys.calls.size() - 1), "cwd is entered last, as the user");
  }

  @Test
  void everyMountTargetIsResolvedInsideTheRootAndAddressedByFd() {
    run(SPEC);
    List<String> mounts = sys.matching("mount(");
    // every config.json mount lands on an fd (RecordingSyscalls fails any openat2 lacking RESOLVE_IN_ROOT);
    // only the propagation change, the rootfs self-bind and the pivot's own mounts use plain paths
    List<String> byPath = mounts.stream().filter(m -> !m.contains(", fd:")).toList();
    assertEquals(List.of("mount(, /, , 0x84000, )", "mount(" + rootfs + ", " + rootfs + ", bind, 0x5000, )",
        "mount(, ., , 0x84000, )", "mount(, /, , 0x1021, )"), byPath);
    assertEquals(1, sys.matching("mount(cgroup2, fd:sys/fs/cgroup, cgroup2").size(), String.join("\n", mounts));
  }

  @Test
  void withoutACgroupNamespaceTheContainersOwnCgroupIsBoundFromTheHost() {
    Spec noCgroupNs = SPEC.withLinux(SPEC.linux().withNamespaces(SPEC.linux().namespaces().stream()
        .filter(n -> !n.type().equals("cgroup")).toList()));
    ContainerConfig config = new ConfigTranslator(40).translate("c1", bundle, noCgroupNs);
    new InitSetup(config, OpenFlags.of(Arch.X86_64), 40).run(sys, List.of(), new CgroupFilesystem(List.of(
        new MountInfo(1, 0, "/", "/sys/fs/cgroup", "rw", List.of(), "cgroup2", "cgroup2", "rw")),
        Map.of("", "/pods/c1")));
    index("mount(/sys/fs/cgroup/pods/c1, fd:sys/fs/cgroup, , 0x5000, )");
    assertTrue(sys.matching("cgroup2").isEmpty(), "no fresh cgroup2 mount without a cgroup namespace");
  }

  @Test
  void masksFilesWithDevNullDirectoriesWithTmpfsAndSkipsMissingPaths() {
    sys.notDirectories.add("proc/kcore");
    sys.missing.add("proc/asound");
    run(SPEC);
    index("fstat(dev/null)");
    index("mount(fd:dev/null, fd:proc/kcore, , 0x1000, )");
    index("mount(tmpfs, fd:proc/acpi, tmpfs, 0x1, )");
    assertTrue(sys.matching("asound").isEmpty(), "a missing masked path is skipped");
    // read-only paths: bind onto itself, then a read-only remount of that bind mount
    index("mount(fd:proc/bus, fd:proc/bus, , 0x5000, )");
    index("mount(, fd:proc/bus, , 0x5021, )");
  }

  @Test
  void aDevNullThatIsNotTheNullDeviceIsNeverUsedToMask() {
    sys.notDirectories.add("proc/kcore");
    sys.statuses.put("dev/null", new dev.bramble.runtime.sentry.RemoteSyscalls.FileStatus(0100644, 0, 0));
    dev.bramble.runtime.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.bramble.runtime.config.ConfigException.class, () -> run(SPEC));
    assertTrue(e.getMessage().contains("not the null device"), e.getMessage());
    assertTrue(sys.matching("fd:proc/kcore").stream().noneMatch(c -> c.startsWith("mount(")),
        "nothing was mounted over the masked path");
  }

  @Test
  void dropsEveryCapabilityOutsideTheBoundingSetBeforeChangingUser() {
    run(SPEC);
    // bounding set of `runc spec`: CAP_KILL(5), CAP_NET_BIND_SERVICE(10), CAP_AUDIT_WRITE(29)
    assertEquals(38, sys.matching("prctl(24, ").size());
    assertTrue(sys.matching("prctl(24, 5)").isEmpty());
    int keepCaps = index("prctl(8, 1)");
    int setuid = index("setresuid(0)");
    int capset = index("capset(0x20000420, 0x20000420, 0x0)");
    assertTrue(keepCaps < setuid && setuid < capset);
  }

  @Test
  void createsMissingMountPointsOneComponentAtATime() {
    sys.missing.add("dev/mqueue");
    run(SPEC);
    index("mkdirat(dev/mqueue, 0755)");
    index("mount(mqueue, fd:dev/mqueue, mqueue, 0xe, )");
  }
}
