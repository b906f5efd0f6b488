package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.testbundles.BusyboxBundle;
import dev.bramble.testbundles.DockerSeccompProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sentry's emulated syscalls, its modes, and config.json seccomp profiles compared with runc running the same
 * bundle.
 */
class SeccompIT extends BundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** runc's default capabilities, which BusyboxBundle's config.json has. */
  private static final List<String> CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

  Path runcRoot;

  @BeforeEach
  void setUp() {
    runcRoot = tmp.resolve("runc-state");
  }

  private Path probeBundle(String name, BusyboxBundle b, String... probeArgs) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(EscapeProbe.PATH_IN_CONTAINER));
    args.addAll(List.of(probeArgs));
    bundle = b.args(args.toArray(String[]::new)).addEnv(marker).readonlyRoot(false).build();
    EscapeProbe.install(bundle);
    return bundle;
  }

  @Test
  void unameShowsTheContainersHostnameAndTheConfiguredRelease() throws Exception {
    probeBundle("b", BusyboxBundle.create(tmp.resolve("b")).hostname("pi-node-7")
        .annotation("dev.bramble.uname.release", "6.6.31-rpi-v8"), "info");
    Cli.Result r = Cli.bramble(root, "run", "--bundle", bundle.toString(), "uname");
    assertEquals(0, r.exit(), r.all());
    Map<String, String> got = EscapeProbe.parse(r.out());
    assertEquals("pi-node-7", got.get("nodename"));
    assertEquals("6.6.31-rpi-v8", got.get("release"));
    assertEquals(Arch.host().unameName(), got.get("machine"));
    assertEquals("EFAULT", got.get("uname_bad_pointer"), "a bad buffer fails as the kernel's uname would");
  }

  @Test
  void sysinfoReportsTheMemoryLimitAndTheHostWithoutOne() throws Exception {
    long limit = 256L << 20;
    probeBundle("b", BusyboxBundle.create(tmp.resolve("b")).editConfig(c -> c.with("linux").with("resources")
        .with("memory").put("limit", limit)), "info");
    Cli.Result limited = Cli.bramble(root, "run", "--bundle", bundle.toString(), "limited");
    assertEquals(0, limited.exit(), limited.all());
    assertEquals(Long.toString(limit), EscapeProbe.parse(limited.out()).get("totalram"));
    assertTrue(Long.parseLong(EscapeProbe.parse(limited.out()).get("freeram")) <= limit);

    probeBundle("c", BusyboxBundle.create(tmp.resolve("c")), "info");
    Cli.Result host = Cli.bramble(root, "run", "--bundle", bundle.toString(), "unlimited");
    long memTotal = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElseThrow();
    assertEquals(Long.toString(memTotal), EscapeProbe.parse(host.out()).get("totalram"));
  }

  @Test
  void straceLogsTrappedSyscallsWithDecodedArgumentsAndResults() throws Exception {
    // the global flag, through create's detached sentry, in trap-all mode: every syscall is one line
    bundle = BusyboxBundle.create(tmp.resolve("b")).annotation("dev.bramble.trap", "all")
        .args("sh", "-c", "cat /etc/hostname; uname -n").addEnv(marker).build();
    Path log = tmp.resolve("bramble.log");
    assertEquals(0, Cli.bramble(root, "--strace", "--log", log.toString(), "create", "--bundle",
        bundle.toString(), "st").exit());
    assertEquals(0, Cli.bramble(root, "start", "st").exit());
    waitForStopped("st");
    String lines = Files.readString(log);
    assertTrue(lines.contains("strace [st pid ") && lines.contains("openat(AT_FDCWD, \\\"/etc/hostname\\\""),
        lines);
    assertTrue(lines.contains("uname(0x") && lines.contains(") = 0 (emulated)"), lines);
    // the entrypoint's own execve is the sentry's injected call; the shell's are the container's
    assertTrue(lines.contains("execve(\\\"/proc/self/exe\\\", [\\\"cat\\\", \\\"/etc/hostname\\\"]"), lines);
    assertTrue(lines.lines().anyMatch(l -> l.contains("exit_group(0) = ?")), lines);
    assertEquals(0, Cli.bramble(root, "delete", "st").exit());

    // the annotation alone, default mode: only what traps is logged
    bundle = BusyboxBundle.create(tmp.resolve("c")).annotation("dev.bramble.strace", "true")
        .args("sh", "-c", "uname -n; cat /etc/hostname").addEnv(marker).build();
    Cli.Result r = Cli.bramble(root, "run", "--bundle", bundle.toString(), "st2");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains("uname(0x"), r.err());
    assertFalse(r.err().contains("openat("), "openat runs natively, unseen: " + r.err());
  }

  private void waitForStopped(String id) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (JSON.readTree(Cli.bramble(root, "state", id).out()).path("status").asText().equals("stopped")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(id + " did not stop");
  }

  /** Runs the probe of {@code bundle} under runc, then under bramble; returns both results. */
  private Map<String, Map<String, String>> underBoth(String id) {
    Cli.Result runc = Cli.runc(runcRoot, "run", "--bundle", bundle.toString(), id);
    assertEquals(0, runc.exit(), "runc: " + runc.all());
    Cli.Result bramble = Cli.bramble(root, "run", "--bundle", bundle.toString(), id);
    assertEquals(0, bramble.exit(), "bramble: " + bramble.all());
    Map<String, Map<String, String>> both = new HashMap<>();
    both.put("runc", EscapeProbe.parse(runc.out()));
    both.put("bramble", EscapeProbe.parse(bramble.out()));
    both.put("audit", Map.of("log", bramble.err()));
    return both;
  }

  @Test
  void dockersDefaultProfileBehavesAsUnderRuncExceptWhereTheSandboxIsStricter() throws Exception {
    assertTrue(Cli.installed("runc"), "runc is needed for the comparison (dev/install-deps)");
    String[] kernel = System.getProperty("os.version").split("[.-]");
    ObjectNode profile = DockerSeccompProfile.forContainer(Arch.host() == Arch.AARCH64 ? "arm64" : "amd64", CAPS,
        Integer.parseInt(kernel[0]), Integer.parseInt(kernel[1]));
    probeBundle("b", BusyboxBundle.create(tmp.resolve("b")).editConfig(c -> c.with("linux").set("seccomp", profile)),
        "escapes");
    Map<String, Map<String, String>> both = underBoth("docker");
    Map<String, String> runc = both.get("runc");
    Map<String, String> bramble = both.get("bramble");
    assertEquals(runc.keySet(), bramble.keySet());
    Set<String> differ = new TreeSet<>();
    for (String key : runc.keySet()) {
      if (!runc.get(key).equals(bramble.get(key))) {
        differ.add(key);
        assertEquals("ok", runc.get(key), key + ": where they differ, Docker's profile allowed the call");
        assertTrue(both.get("audit").get("log").contains(": " + EscapeProbe.syscall(key) + "("),
            key + ": and bramble's sandbox denied it, with an audit line");
      }
    }
    // Docker lets a container trace its own processes and read the clock's adjustment state; the sandbox does not
    assertEquals(new TreeSet<>(List.of("adjtimex", "clock_adjtime", "process_vm_readv", "process_vm_writev",
        "ptrace_attach", "ptrace_traceme")), differ, "runc " + runc + "\nbramble " + bramble);
    assertEquals("EPERM", bramble.get("mount"));
    assertEquals("ENOSYS", bramble.get("clone3"), "the profile's own clone3 rule, as under runc");
  }

  @Test
  void aCustomProfileWithArgumentComparisonsBehavesAsUnderRunc() throws Exception {
    ObjectNode profile = (ObjectNode) JSON.readTree("""
        {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["%s"], "syscalls": [
          {"names": ["getpriority"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
           "args": [{"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
          {"names": ["dup3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 9,
           "args": [{"index": 2, "value": 524288, "valueTwo": 524288, "op": "SCMP_CMP_MASKED_EQ"}]},
          {"names": ["getpgid"], "action": "SCMP_ACT_ERRNO",
           "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
          {"names": ["personality"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
           "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
          {"names": ["umask"], "action": "SCMP_ACT_ERRNO", "errnoRet": 28,
           "args": [{"index": 0, "value": 63, "op": "SCMP_CMP_LE"}]}
        ]}""".formatted(Arch.host().seccompName()));
    probeBundle("b", BusyboxBundle.create(tmp.resolve("b")).editConfig(c -> c.with("linux").set("seccomp", profile)),
        "args");
    Map<String, Map<String, String>> both = underBoth("custom");
    assertEquals(both.get("runc"), both.get("bramble"));
    Map<String, String> got = both.get("bramble");
    assertEquals("EACCES", got.get("getpriority_user"));
    assertEquals("ok", got.get("getpriority_process"));
    assertEquals("EBADF", got.get("dup3_cloexec"));
    assertEquals("ok", got.get("dup3_plain"));
    assertEquals("EPERM", got.get("getpgid_2"), "one argument tested twice: either value matches, as in runc");
    assertEquals("EACCES", got.get("personality_linux32"), "the profile's errno beats the sandbox's trap");
    assertEquals("ENOSPC", got.get("umask"));
    assertNotEquals("ok", got.get("mount"));
  }

  @Test
  void anExecdProcessGetsTheSameFiltersAsTheInit() throws Exception {
    bundle = BusyboxBundle.create(tmp.resolve("b")).args("sleep", "300").addEnv(marker).build();
    EscapeProbe.install(bundle);
    Path log = tmp.resolve("exec.log");
    assertEquals(0, Cli.bramble(root, "--log", log.toString(), "create", "--bundle", bundle.toString(), "ex").exit());
    try {
      assertEquals(0, Cli.bramble(root, "start", "ex").exit());
      Cli.Result r = Cli.bramble(root, "exec", "ex", EscapeProbe.PATH_IN_CONTAINER, "escapes");
      assertEquals(0, r.exit(), r.all());
      Map<String, String> got = EscapeProbe.parse(r.out());
      EscapeIT.expectedDenials().forEach((key, errno) -> assertEquals(errno, got.get(key), key));
      assertTrue(Files.readString(log).contains(": mount("), "the sentry audited the exec'd process's mount");
      Cli.Result status = Cli.bramble(root, "exec", "ex", "grep", "Seccomp_filters", "/proc/self/status");
      assertEquals("Seccomp_filters:\t1\n", status.out(), "the sandbox filter, once (no profile in this bundle)");
    } finally {
      Cli.bramble(root, "kill", "ex", "KILL");
      Cli.bramble(root, "delete", "--force", "ex");
    }
  }

  @Test
  void anInvalidProfileIsRefusedAtCreateWithItsJsonPath() throws Exception {
    bundle = BusyboxBundle.create(tmp.resolve("b")).addEnv(marker).skipValidation().editConfig(c -> c.with("linux")
        .set("seccomp", JSON.valueToTree(Map.of("defaultAction", "SCMP_ACT_ALLOW", "syscalls", List.of(Map.of(
            "names", List.of("read"), "action", "SCMP_ACT_ERRNO", "args", List.of(Map.of("index", 0, "value", 1,
                "op", "SCMP_CMP_SOMETIMES")))))))).build();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "bad");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("linux.seccomp.syscalls[0].args[0].op") && r.err().contains("SCMP_CMP_SOMETIMES"),
        r.err());
    assertFalse(Files.exists(root.resolve("bad")));
  }
}
