package dev.bramble.runtime.sentry.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.RegisterLayout;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.seccomp.PolicyEntry;
import dev.bramble.runtime.seccomp.SandboxFilter;
import dev.bramble.runtime.seccomp.SandboxPolicy;
import dev.bramble.runtime.seccomp.TrapTable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sentry's side of a seccomp stop, on a fake tracee: what it writes, how it resumes, what it logs. */
class SeccompStopHandlerTest {
  private static final int TID = 42;
  private static final long BUF = 0x7ffd1000L;
  private static final Utsname HOST = new Utsname("Linux", "host-node", "6.1.0-host", "#1 SMP", "x86_64", "(none)");

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private StopKernel k;
  private RegisterLayout layout;
  private TrapTable traps;
  private SeccompStopHandler handler;
  private long personality;

  private void setUp(Arch arch, boolean trapAll, boolean strace, OptionalLong memoryLimit) {
    layout = arch.registers();
    k = new StopKernel(layout.slotCount());
    traps = SandboxFilter.plan(SandboxPolicy.defaults(), arch, 0, trapAll).traps();
    Logger log = Logger.toStderr(logged, LogFormat.TEXT, false, InstantSource.fixed(Instant.EPOCH));
    SysinfoEmulator.HostFacts facts = new SysinfoEmulator.HostFacts() {
      @Override
      public OptionalLong memoryUsed(int tid) {
        return OptionalLong.of(64L << 20);
      }

      @Override
      public long hostAvailable() {
        return 8L << 30;
      }

      @Override
      public String uptime() {
        return "1234.56 99.0\n";
      }

      @Override
      public String loadavg() {
        return "0.50 0.25 1.00 2/300 4000\n";
      }
    };
    Optional<SysinfoEmulator> sysinfo = memoryLimit.isPresent()
        ? Optional.of(new SysinfoEmulator(memoryLimit.getAsLong(), () -> 3, facts)) : Optional.empty();
    handler = new SeccompStopHandler(k.kernel, layout, traps, new UnameEmulator(
        Utsname.forContainer(HOST, "pi-node-7", "", Optional.of("6.6.0-rpi")), "i686", tid -> personality),
        sysinfo,
        new SyscallCounters(arch.syscalls()), log, "c1", strace, 0x0020000);
  }

  /** Puts the tracee at the seccomp stop of {@code syscall} with {@code args}, trapped by {@code row}'s rule. */
  private void stopAt(String syscall, PolicyEntry row, long... args) {
    long nr = layout.arch().syscalls().require(syscall);
    if (layout.syscallNumberInRegset()) {
      layout.setSyscallNumber(k.regs, nr);
      layout.setReturnValue(k.regs, -Errno.ENOSYS); // what x86_64's entry code leaves in rax
    } else {
      k.regs[layout.slot("x8").getAsInt()] = nr;
    }
    for (int i = 0; i < args.length; i++) {
      layout.setArg(k.regs, i, args[i]);
    }
    k.eventMessage = row == null ? TrapTable.RUN : traps.rows().indexOf(row);
  }

  private PolicyEntry row(String syscall) {
    return traps.rows().stream().filter(r -> r.syscall().equals(syscall)).findFirst().orElseThrow();
  }

  private String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aDeniedCallIsSkippedWithItsErrnoOnX8664AndAudited() {
    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    k.memory.put(0x1000L, "/tmp\0".getBytes(StandardCharsets.UTF_8));
    stopAt("mount", row("mount"), 0, 0x1000L, 0, 0, 0);
    handler.onSeccompStop(TID);
    assertEquals(-1, layout.syscallNumber(k.regs), "orig_rax = -1: the kernel skips the call");
    assertEquals(-Errno.EPERM, layout.returnValue(k.regs));
    assertEquals(List.of("SETREGS", "CONT 0"), k.requests);
    assertTrue(log().contains("seccomp audit: container c1 pid 42: mount(NULL, \\\"/tmp\\\", NULL, 0x0, NULL) "
        + "denied with EPERM: bramble built"), log());
    assertEquals(1, handler.counters().snapshot().bySyscall().get("mount").denied());
  }

  @Test
  void onAarch64TheCallIsSkippedThroughNtArmSystemCallAfterX0IsSet() {
    setUp(Arch.AARCH64, false, false, OptionalLong.empty());
    stopAt("unshare", row("unshare"), 0x10000000L);
    handler.onSeccompStop(TID);
    assertEquals(-Errno.EPERM, k.regs[0], "a skipped call returns whatever x0 holds");
    assertEquals(List.of(-1), k.syscallNumberWrites);
    assertEquals(List.of("SETREGS", "CONT 0"), k.requests);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void unameIsEmulatedWithTheContainersNamesAndTheConfiguredRelease(Arch arch) {
    setUp(arch, false, false, OptionalLong.empty());
    stopAt("uname", row("uname"), BUF);
    handler.onSeccompStop(TID);
    byte[] uts = k.written.get(BUF);
    assertEquals(Utsname.SIZE, uts.length);
    assertEquals("pi-node-7", field(uts, 1));
    assertEquals("6.6.0-rpi", field(uts, 2));
    assertEquals("#1 SMP", field(uts, 3), "the host's version");
    assertEquals("(none)", field(uts, 5), "no domainname configured: the host's, as a new UTS namespace starts");
    assertEquals(0, layout.returnValue(k.regs));
    assertEquals(1, handler.counters().snapshot().total().emulated());
  }

  @Test
  void aLinux32ProcessSeesThe32BitMachineName() {
    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    personality = 0x0008; // PER_LINUX32, from /proc/TID/personality
    stopAt("uname", row("uname"), BUF);
    handler.onSeccompStop(TID);
    assertEquals("i686", field(k.written.get(BUF), 4));
    personality = 0;
    stopAt("uname", row("uname"), BUF);
    handler.onSeccompStop(TID);
    assertEquals("x86_64", field(k.written.get(BUF), 4));
  }

  @Test
  void anEmulatedCallWithABadPointerFailsWithEfault() {
    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    k.faultOnWrite = true;
    stopAt("uname", row("uname"), 0);
    handler.onSeccompStop(TID);
    assertEquals(-Errno.EFAULT, layout.returnValue(k.regs));
    assertEquals(-1, layout.syscallNumber(k.regs), "never run by the host kernel");
  }

  @Test
  void sysinfoReportsTheMemoryLimitWhenThereIsOne() {
    setUp(Arch.X86_64, false, false, OptionalLong.of(256L << 20));
    stopAt("sysinfo", row("sysinfo"), BUF);
    handler.onSeccompStop(TID);
    ByteBuffer info = ByteBuffer.wrap(k.written.get(BUF)).order(ByteOrder.nativeOrder());
    assertEquals(112, info.capacity());
    assertEquals(1234, info.getLong(0), "uptime");
    assertEquals(32768, info.getLong(8), "1-minute load 0.50 in 16.16 fixed point");
    assertEquals(256L << 20, info.getLong(32), "totalram = the limit");
    assertEquals(192L << 20, info.getLong(40), "freeram = the limit minus the cgroup's usage");
    assertEquals(0, info.getLong(64), "no swap");
    assertEquals(3, info.getShort(80), "the container's processes");
    assertEquals(1, info.getInt(104), "mem_unit");

    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    stopAt("sysinfo", row("sysinfo"), BUF);
    handler.onSeccompStop(TID);
    assertEquals(List.of("CONT 0"), k.requests, "without a limit the host's answer is the container's");
    assertTrue(k.written.isEmpty());
  }

  @Test
  void personalityQueriesRunAndChangesAreDenied() {
    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    for (long allowed : new long[] {0xffffffffL, 0, 8, 0x0020000}) { // the last one is the configured domain
      k.requests.clear();
      stopAt("personality", row("personality"), allowed);
      handler.onSeccompStop(TID);
      assertEquals(List.of("CONT 0"), k.requests, "personality(0x" + Long.toHexString(allowed) + ") runs");
    }
    for (long denied : new long[] {0x0400000L, 0x0040000L, 0x0400008L}) { // READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE
      k.requests.clear();
      stopAt("personality", row("personality"), denied);
      handler.onSeccompStop(TID);
      assertEquals(-Errno.EPERM, layout.returnValue(k.regs), "personality(0x" + Long.toHexString(denied) + ")");
      assertEquals(List.of("SETREGS", "CONT 0"), k.requests);
    }
  }

  @Test
  void inTrapAllModeAnOrdinaryCallIsCountedAndRunsUntouched() {
    setUp(Arch.X86_64, true, false, OptionalLong.empty());
    stopAt("read", null, 0, BUF, 10);
    long[] before = k.regs.clone();
    handler.onSeccompStop(TID);
    assertEquals(List.of("CONT 0"), k.requests);
    assertArrayEquals(before, k.regs);
    assertEquals(1, handler.counters().snapshot().bySyscall().get("read").trapped());
    assertFalse(handler.awaitsSyscallExit(TID));
    stopAt("clone3", row("clone3"), BUF, 88);
    handler.onSeccompStop(TID);
    assertEquals(-Errno.ENOSYS, layout.returnValue(k.regs), "errno rows trap too in trap-all mode, to be audited");
    assertTrue(log().contains("clone3("), log());
  }

  @Test
  void straceLogsTheCallWhenItsResultIsKnown() {
    setUp(Arch.X86_64, true, true, OptionalLong.empty());
    k.memory.put(0x2000L, "/etc/hosts\0".getBytes(StandardCharsets.UTF_8));
    stopAt("openat", null, -100, 0x2000L, 0x80000, 0);
    handler.onSeccompStop(TID);
    assertEquals(List.of("SYSCALL 0"), k.requests, "run to its syscall-exit stop");
    assertTrue(handler.awaitsSyscallExit(TID));
    layout.setReturnValue(k.regs, 3);
    assertTrue(handler.onSyscallStop(TID));
    assertTrue(log().contains("strace [c1 pid 42] openat(AT_FDCWD, \\\"/etc/hosts\\\", 0x80000, 00) = 3"), log());
    assertFalse(handler.awaitsSyscallExit(TID));
    assertFalse(handler.onSyscallStop(TID), "a syscall stop it did not ask for is the caller's");

    stopAt("mount", row("mount"), 0, 0x2000L, 0, 0, 0);
    handler.onSeccompStop(TID);
    assertTrue(log().contains("mount(NULL, \\\"/etc/hosts\\\", NULL, 0x0, NULL) = -1 EPERM (operation not "
        + "permitted) (denied)"), log());

    stopAt("exit_group", null, 0);
    handler.onSeccompStop(TID);
    handler.onExit(TID);
    assertTrue(log().contains("exit_group(0) = ?"), log());
  }

  @Test
  void aTraceStopNoRowExplainsFailsClosed() {
    setUp(Arch.X86_64, false, false, OptionalLong.empty());
    stopAt("read", null);
    k.eventMessage = 4000;
    handler.onSeccompStop(TID);
    assertEquals(-Errno.ENOSYS, layout.returnValue(k.regs));
    assertEquals(-1, layout.syscallNumber(k.regs));
  }

  private static String field(byte[] uts, int i) {
    int start = i * Utsname.FIELD;
    int end = start;
    while (uts[end] != 0) {
      end++;
    }
    return new String(uts, start, end - start, StandardCharsets.UTF_8);
  }
}
