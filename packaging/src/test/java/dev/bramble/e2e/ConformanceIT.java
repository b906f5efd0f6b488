package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential conformance: the same bundle through runc and bramble, and what the container sees compared line by
 * line — ids, capabilities, no_new_privs, rlimits, umask, cwd, hostname, devices, masked and read-only paths,
 * sysctls and every mount (point, type, options). (linux.personality is tested in ContainerIT: Debian's runc 1.1
 * predates it and ignores it.)
 */
class ConformanceIT {
  /** Prints what a process can observe about its container; the mountinfo fields drop ids and sources. */
  private static final String PROBE = String.join("; ",
      "id", "grep -E '^(Cap|NoNewPrivs)' /proc/self/status", "cat /proc/self/limits", "umask", "pwd", "hostname",
      "uname -m", "ls -ln /dev | sed 's/ [A-Z][a-z][a-z] .*:[0-9][0-9] / /'",
      "stat -c '%n %F %s' /proc/kcore /proc/acpi /proc/keys /proc/timer_list /sys/firmware 2>&1",
      "touch /proc/sys/kernel/x 2>&1", "touch /proc/sysrq-trigger 2>&1",
      "cat /proc/sys/kernel/shmmax /proc/sys/net/ipv4/ip_forward 2>&1",
      "awk '{print $5, $9, $6, $10}' /proc/self/mountinfo | sort");

  @TempDir Path tmp;
  String marker;

  @BeforeEach
  void runcPresent() {
    assumeTrue(Cli.installed("runc"), "runc not installed");
    marker = "BRAMBLE_IT=" + UUID.randomUUID();
  }

  private void compare(String name, Consumer<BusyboxBundle> variant) throws Exception {
    BusyboxBundle b = BusyboxBundle.create(tmp.resolve(name)).args("sh", "-c", PROBE).addEnv(marker);
    variant.accept(b);
    Path bundle = b.build();
    Cli.Result runc = Cli.runc(tmp.resolve("runc-state"), "run", "--bundle", bundle.toString(), name);
    Cli.Result ours = Cli.bramble(tmp.resolve("state"), "run", "--bundle", bundle.toString(), name);
    assertEquals(0, runc.exit(), runc.all());
    assertEquals(0, ours.exit(), ours.all());
    assertEquals(normalize(runc.out()), normalize(ours.out()), "what the container sees, runc vs bramble");
    Leftovers.assertNone(tmp.resolve("state"), bundle, marker);
  }

  /**
   * The one deliberate difference: on a cgroup v1 host the tmpfs holding the hierarchies is read-only when the
   * mount asks for "ro" (runc leaves that tmpfs writable).
   */
  private static String normalize(String out) {
    return out.replace("/sys/fs/cgroup tmpfs ro,", "/sys/fs/cgroup tmpfs rw,").replace("ro,mode=755", "rw,mode=755");
  }

  @Test
  void theDefaultSpecLooksTheSame() throws Exception {
    compare("spec-default", b -> { });
  }

  @Test
  void userCapabilitiesLimitsAndUmaskLookTheSame() throws Exception {
    compare("creds", b -> b.user(1000, 1000).cwd("/tmp").editConfig(c -> {
      ObjectNode p = c.with("process");
      p.with("user").put("umask", 63).putArray("additionalGids").add(10).add(20);
      p.with("capabilities").putArray("bounding").add("CAP_CHOWN").add("CAP_NET_RAW").add("CAP_KILL");
      p.with("capabilities").putArray("effective").add("CAP_CHOWN");
      p.with("capabilities").putArray("permitted").add("CAP_CHOWN").add("CAP_KILL");
      p.with("capabilities").putArray("ambient").add("CAP_CHOWN");
      p.with("capabilities").putArray("inheritable").add("CAP_CHOWN");
      p.putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE").put("hard", 4096).put("soft", 512);
      p.withArray("rlimits").addObject().put("type", "RLIMIT_NPROC").put("hard", 100).put("soft", 50);
      p.put("noNewPrivileges", false);
    }));
  }

  @Test
  void devicesAndSysctlsLookTheSame() throws Exception {
    compare("devs", b -> b.editConfig(c -> {
      ObjectNode linux = c.with("linux");
      ObjectNode fuse = linux.putArray("devices").addObject();
      fuse.put("path", "/dev/fuse").put("type", "c").put("major", 10).put("minor", 229).put("fileMode", 0600)
          .put("uid", 0).put("gid", 0);
      linux.with("sysctl").put("kernel.shmmax", "12345678").put("net.ipv4.ip_forward", "1");
    }));
  }

  @Test
  void aWritableRootAndExtraMountsLookTheSame() throws Exception {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.writeString(shared.resolve("file"), "x");
    compare("mounts", b -> b.readonlyRoot(false).editConfig(c -> {
      ObjectNode bind = c.withArray("mounts").addObject();
      bind.put("destination", "/data").put("type", "bind").put("source", shared.toString());
      bind.putArray("options").add("rbind").add("ro").add("nosuid");
      ObjectNode tmpfs = c.withArray("mounts").addObject();
      tmpfs.put("destination", "/run/scratch").put("type", "tmpfs").put("source", "tmpfs");
      tmpfs.putArray("options").add("nodev").add("size=1m").add("mode=1777");
    }));
  }
}
