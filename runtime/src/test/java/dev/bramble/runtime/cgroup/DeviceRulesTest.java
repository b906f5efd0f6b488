package dev.bramble.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxDevice;
import dev.bramble.oci.spec.LinuxDeviceCgroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device rules: the effective list, the v1 semantics, and the eBPF program that must agree with them. */
class DeviceRulesTest {
  private static final int M = 1, R = 2, W = 4;

  private static LinuxDeviceCgroup rule(boolean allow, String type, Long major, Long minor, String access) {
    return new LinuxDeviceCgroup(allow, type, major, minor, access);
  }

  /** runc's default config: deny everything, then the defaults are appended. */
  private static List<DeviceRule> runcDefault() {
    return DeviceRules.effective(List.of(rule(false, null, null, null, "rwm")), List.of());
  }

  @Test
  void theDefaultsFollowTheConfiguredRules() {
    List<String> lines = runcDefault().stream().map(DeviceRule::toString).toList();
    assertEquals(List.of("deny a", "allow c *:* m", "allow b *:* m", "allow c 1:3 rwm", "allow c 1:8 rwm",
        "allow c 1:7 rwm", "allow c 5:0 rwm", "allow c 1:5 rwm", "allow c 1:9 rwm", "allow c 136:* rwm",
        "allow c 5:2 rwm"), lines);
  }

  @Test
  void aDefaultDeviceRedefinedInLinuxDevicesIsLeftToTheConfig() {
    List<DeviceRule> rules = DeviceRules.effective(List.of(rule(false, "a", null, null, "rwm")),
        List.of(new LinuxDevice("/dev/null", "c", 1L, 3L, 0666L, 0L, 0L)));
    assertFalse(rules.stream().anyMatch(r -> r.major() == 1 && r.minor() == 3), rules.toString());
  }

  @Test
  void badRulesNameTheirJsonPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceRules.effective(
        List.of(rule(true, "x", null, null, "r")), List.of()));
    assertTrue(e.getMessage().startsWith("linux.resources.devices[0].type"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceRules.effective(
        List.of(rule(true, "c", 1L, 3L, "rwx")), List.of()));
    assertTrue(e.getMessage().startsWith("linux.resources.devices[0].access"), e.getMessage());
  }

  @Test
  void v1SemanticsDenyAllThenAllowList() {
    DeviceEmulator e = DeviceEmulator.of(runcDefault());
    assertFalse(e.defaultAllow());
    assertTrue(e.allows('c', 1, 3, R | W));
    assertTrue(e.allows('b', 8, 0, M), "mknod of any block device");
    assertFalse(e.allows('b', 8, 0, R), "but not reading it: the /dev/sda class");
    assertFalse(e.allows('c', 1, 1, R), "/dev/mem");
    assertTrue(e.allows('c', 136, 4, R | W), "pty slaves");
    assertFalse(e.allows('c', 10, 200, R | W), "no tun by default");
  }

  @Test
  void anAllowNeedsOneExceptionCoveringEveryRequestedBit() {
    DeviceEmulator e = DeviceEmulator.of(List.of(new DeviceRule('a', -1, -1, "rwm", false),
        new DeviceRule('c', 1, 3, "r", true), new DeviceRule('c', 1, -1, "w", true)));
    assertTrue(e.allows('c', 1, 3, R));
    assertTrue(e.allows('c', 1, 3, W));
    assertFalse(e.allows('c', 1, 3, R | W), "r from one exception and w from another is not enough (kernel v1)");
  }

  @Test
  void denyRulesTakeAccessAwayFromExactlyMatchingExceptions() {
    DeviceEmulator e = DeviceEmulator.of(List.of(new DeviceRule('a', -1, -1, "rwm", false),
        new DeviceRule('c', 1, 3, "rwm", true), new DeviceRule('c', 1, 3, "w", false),
        new DeviceRule('c', -1, -1, "m", true), new DeviceRule('c', 1, 5, "m", false)));
    assertTrue(e.allows('c', 1, 3, R));
    assertFalse(e.allows('c', 1, 3, W));
    assertTrue(e.allows('c', 1, 5, M), "a deny cannot punch a hole in a wildcard exception");
    assertEquals(List.of("devices:devices.deny=a", "devices:devices.allow=c 1:3 rm", "devices:devices.allow=c *:* m"),
        e.v1Writes().stream().map(w -> w.controller() + ":" + w).toList());
  }

  @Test
  void allowAllWithDenyExceptionsIsABlacklist() {
    DeviceEmulator e = DeviceEmulator.of(List.of(new DeviceRule('a', -1, -1, "rwm", true),
        new DeviceRule('b', 8, -1, "rw", false)));
    assertTrue(e.defaultAllow());
    assertFalse(e.allows('b', 8, 1, R));
    assertTrue(e.allows('b', 8, 1, M));
    assertTrue(e.allows('c', 1, 1, R));
    assertEquals(List.of("devices.allow=a", "devices.deny=b 8:* rw"),
        e.v1Writes().stream().map(CgroupWrite::toString).toList());
  }

  /** Every device and access combination: the program's verdict is the emulator's. */
  private static void programAgreesWithEmulator(DeviceEmulator e) {
    byte[] program = DeviceFilterProgram.build(e);
    List<String> disagreements = new ArrayList<>();
    int[][] devices = {{1, 3}, {1, 5}, {1, 1}, {8, 0}, {8, 16}, {136, 0}, {136, 7}, {5, 2}, {5, 0}, {10, 200},
        {254, 0}};
    for (char type : new char[] {'b', 'c'}) {
      for (int[] d : devices) {
        for (int access = 1; access <= 7; access++) {
          int ctxType = type == 'b' ? DeviceFilterProgram.DEV_BLOCK : DeviceFilterProgram.DEV_CHAR;
          boolean program1 = BpfInterpreter.run(program, (access << 16) | ctxType, d[0], d[1]) == 1;
          if (program1 != e.allows(type, d[0], d[1], access)) {
            disagreements.add(type + " " + d[0] + ":" + d[1] + " access " + access + " program=" + program1);
          }
        }
      }
    }
    assertEquals(List.of(), disagreements);
  }

  @Test
  void theEbpfProgramAgreesWithV1SemanticsForTheDefaultRules() {
    programAgreesWithEmulator(DeviceEmulator.of(runcDefault()));
  }

  @Test
  void theEbpfProgramAgreesForPartialAccessAndBlacklists() {
    programAgreesWithEmulator(DeviceEmulator.of(List.of(new DeviceRule('a', -1, -1, "rwm", false),
        new DeviceRule('c', 1, 3, "r", true), new DeviceRule('c', 1, -1, "w", true),
        new DeviceRule('b', -1, 16, "rm", true))));
    programAgreesWithEmulator(DeviceEmulator.of(List.of(new DeviceRule('a', -1, -1, "rwm", true),
        new DeviceRule('b', 8, -1, "rw", false), new DeviceRule('c', 5, 2, "m", false))));
    programAgreesWithEmulator(DeviceEmulator.of(List.of()));
  }

  @Test
  void theProgramStartsByLoadingTheContextAndEndsWithTheDefault() {
    byte[] p = DeviceFilterProgram.build(DeviceEmulator.of(runcDefault()));
    assertEquals(0, p.length % 8);
    assertEquals(0x61, p[0] & 0xff, "ldxw r2, [r1+0]");
    assertEquals(0x12, p[1] & 0xff, "dst r2, src r1");
    assertEquals(0x95, p[p.length - 8] & 0xff, "exit");
    assertEquals(0xb4, p[p.length - 16] & 0xff, "r0 = default");
    assertEquals(0, p[p.length - 12], "deny by default");
  }
}
