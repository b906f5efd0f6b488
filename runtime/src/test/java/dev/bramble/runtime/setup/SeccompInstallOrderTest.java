package dev.bramble.runtime.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.Spec;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.config.ContainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seccomp filters go on in runc's order: with no_new_privs, as late as possible (after the working directory,
 * so nothing but the execve passes them); without it, while the init still has CAP_SYS_ADMIN, which loading a
 * filter then requires — right after the no_new_privs step, before the bounding set is dropped.
 */
class SeccompInstallOrderTest {
  private static final String SECCOMP = "seccomp(1 instructions, flags 0x0)";

  @TempDir Path bundle;

  private List<String> setUp(boolean noNewPrivileges) throws Exception {
    Files.createDirectory(bundle.resolve("rootfs"));
    Spec spec = InitSetupTest.SPEC.withProcess(InitSetupTest.SPEC.process().withNoNewPrivileges(noNewPrivileges));
    ContainerConfig config = new ConfigTranslator(40).translate("c1", bundle, spec);
    RecordingSyscalls sys = new RecordingSyscalls();
    sys.notDirectories.addAll(List.of("proc/kcore", "proc/keys", "proc/latency_stats", "proc/timer_list",
        "proc/timer_stats", "proc/sched_debug", "proc/sysrq-trigger"));
    new InitSetup(config, OpenFlags.of(Arch.X86_64), 40, p -> p.seccompFilter(new byte[8], 0)).run(sys, List.of(),
        new CgroupFilesystem(List.of(new MountInfo(1, 0, "/", "/sys/fs/cgroup", "rw", List.of(), "cgroup2",
            "cgroup2", "rw")), Map.of()));
    assertEquals(1, sys.matching("seccomp(").size(), "installed exactly once");
    return sys.calls;
  }

  @Test
  void withNoNewPrivilegesTheFiltersAreTheLastStep() throws Exception {
    List<String> calls = setUp(true);
    assertEquals(SECCOMP, calls.get(calls.size() - 1), String.join("\n", calls));
    assertTrue(calls.indexOf("prctl(38, 1)") < calls.indexOf(SECCOMP), "no_new_privs first");
  }

  @Test
  void withoutNoNewPrivilegesTheFiltersGoOnBeforeTheCapabilitiesAreDropped() throws Exception {
    List<String> calls = setUp(false);
    int seccomp = calls.indexOf(SECCOMP);
    int firstDrop = calls.indexOf("prctl(24, 0)"); // PR_CAPBSET_DROP of CAP_CHOWN
    int setuid = calls.indexOf("setresuid(0)");
    assertTrue(seccomp >= 0 && seccomp < firstDrop && seccomp < setuid, String.join("\n", calls));
    assertTrue(calls.indexOf("prctl(38, 1)") < 0, "no no_new_privs was asked for");
  }
}
