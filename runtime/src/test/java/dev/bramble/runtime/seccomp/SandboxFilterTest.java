package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import dev.bramble.runtime.linux.SeccompProgram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sandbox filter as libseccomp compiles it for each architecture, run through a BPF interpreter: what the kernel
 * would answer for each call. No root needed: nothing is loaded.
 */
class SandboxFilterTest {
  private static final LinuxKernel KERNEL = new JnaLinuxKernel(Arch.host().syscalls());
  private static final long NET_RAW = 1L << Capability.number("CAP_NET_RAW").getAsInt();
  private static final long CLONE_NEWUSER = 0x10000000L, CLONE_NEWNS = 0x20000L, SIGCHLD = 17;
  private static final int X32_BIT = 0x40000000;
  private static final long AUDIT_ARCH_I386 = 0x40000003L, AUDIT_ARCH_ARM = 0x40000028L;

  record Compiled(Arch arch, SandboxFilter.Plan plan, BpfInterpreter bpf) {
    int run(String syscall, long... args) {
      return bpf.run(arch.syscalls().require(syscall), arch.auditArch(), args);
    }

    /** The row a TRACE answer names. */
    PolicyEntry row(int action) {
      assertEquals(SeccompFilterSpec.TRACE, action & 0xffff0000, () -> "not a trace: 0x" + Integer.toHexString(action));
      return plan.traps().row(action & 0xffff);
    }
  }

  static Compiled compile(Arch arch, long capabilities, boolean trapAll) {
    SandboxFilter.Plan plan = SandboxFilter.plan(SandboxPolicy.defaults(), arch, capabilities, trapAll);
    SeccompProgram program = KERNEL.compileSeccomp(plan.spec());
    assertEquals(java.util.List.of(), program.unknownSyscalls());
    assertTrue(program.instructions() < SeccompProgram.MAX_INSTRUCTIONS);
    return new Compiled(arch, plan, new BpfInterpreter(program.bpf()));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyRowAnswersForTheCallsItMatchesAndOnlyThose(Arch arch) {
    for (boolean trapAll : new boolean[] {false, true}) {
      Compiled c = compile(arch, 0, trapAll);
      int checked = 0;
      for (PolicyEntry row : SandboxPolicy.defaults().entries()) {
        if (arch.syscalls().number(row.syscall()).isEmpty()) {
          continue;
        }
        long[] args = new long[6];
        row.conditions().forEach(cond -> args[cond.index()] = cond.value());
        int action = c.run(row.syscall(), args);
        if (row.action() == PolicyAction.ERRNO && !trapAll) {
          assertEquals(SeccompFilterSpec.errno(row.errno()), action, row.line());
        } else if (row.action() == PolicyAction.KILL) {
          assertEquals(SeccompFilterSpec.KILL_PROCESS, action, row.line());
        } else {
          assertSame(row, c.row(action), row.line() + " must trap with its own row's data");
        }
        if (!row.conditions().isEmpty()) {
          int other = c.run(row.syscall(), new long[6]);
          assertEquals(trapAll ? SeccompFilterSpec.trace(TrapTable.RUN) : SeccompFilterSpec.ALLOW, other,
              row.line() + ": a call that does not match the condition runs");
        }
        checked++;
      }
      assertTrue(checked > 40, "rows checked on " + arch + ": " + checked);
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void ordinarySyscallsRunNativelyAndTrapOnlyInTrapAllMode(Arch arch) {
    Compiled normal = compile(arch, 0, false);
    Compiled all = compile(arch, 0, true);
    for (String hot : new String[] {"read", "write", "futex", "mmap", "epoll_pwait", "clock_gettime", "openat",
        "execve", "exit_group"}) {
      assertEquals(SeccompFilterSpec.ALLOW, normal.run(hot), hot);
      assertNull(all.row(all.run(hot)), hot + " traps in trap-all mode and simply runs");
    }
    // clone for a thread or a process runs; with CLONE_NEWUSER it is denied (flags are in a register)
    assertEquals(SeccompFilterSpec.ALLOW, normal.run("clone", CLONE_NEWNS | SIGCHLD));
    PolicyEntry newUser = normal.row(normal.run("clone", CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD));
    assertEquals(PolicyAction.DENY, newUser.action());
    assertEquals(Errno.EPERM, newUser.errno());
    assertEquals(SeccompFilterSpec.errno(Errno.ENOSYS), normal.run("clone3"), "clone3 hides its flags in memory");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyOtherAbiIsKilled(Arch arch) {
    Compiled c = compile(arch, 0, false);
    int read = arch.syscalls().require("read");
    long foreign = arch == Arch.X86_64 ? AUDIT_ARCH_I386 : AUDIT_ARCH_ARM;
    assertEquals(SeccompFilterSpec.KILL_PROCESS, c.bpf().run(read, foreign), "the compat ABI");
    assertEquals(SeccompFilterSpec.KILL_PROCESS, c.bpf().run(read, 0xdeadbeefL), "an unknown architecture");
    long other = arch == Arch.X86_64 ? Arch.AARCH64.auditArch() : Arch.X86_64.auditArch();
    assertEquals(SeccompFilterSpec.KILL_PROCESS, c.bpf().run(read, other));
    if (arch == Arch.X86_64) {
      // x32 shares AUDIT_ARCH_X86_64 and sets bit 30 of the number: its mount would not match the mount row
      assertEquals(SeccompFilterSpec.KILL_PROCESS, c.bpf().run(X32_BIT | 165, arch.auditArch()), "x32 mount");
      assertEquals(SeccompFilterSpec.KILL_PROCESS, c.bpf().run(X32_BIT, arch.auditArch()), "x32 read");
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void intArgumentsAreComparedOnTheirLow32BitsOnly(Arch arch) {
    Compiled c = compile(arch, 0, false);
    long tiocsti = 0x5412;
    assertEquals("ioctl", c.row(c.run("ioctl", 0, tiocsti)).syscall());
    assertEquals("ioctl", c.row(c.run("ioctl", 0, 0xffffffff00000000L | tiocsti)).syscall(),
        "the kernel ignores the upper half of an unsigned int command; the filter must too");
    assertEquals(SeccompFilterSpec.ALLOW, c.run("ioctl", 0, 0x5401), "TCGETS (isatty) runs");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void rawAndPacketSocketsNeedCapNetRaw(Arch arch) {
    long afInet = 2, afInet6 = 10, afPacket = 17, sockStream = 1, sockRaw = 3, sockCloexec = 0x80000;
    Compiled without = compile(arch, 0, false);
    assertEquals("socket", without.row(without.run("socket", afPacket, sockRaw)).syscall());
    assertEquals("socket", without.row(without.run("socket", afInet, sockRaw | sockCloexec)).syscall());
    assertEquals("socket", without.row(without.run("socket", afInet6, sockRaw)).syscall());
    assertEquals(SeccompFilterSpec.ALLOW, without.run("socket", afInet, sockStream));
    assertEquals(SeccompFilterSpec.ALLOW, without.run("socket", afInet6, sockStream | sockCloexec));
    Compiled with = compile(arch, NET_RAW, false);
    assertEquals(SeccompFilterSpec.ALLOW, with.run("socket", afPacket, sockRaw));
    assertEquals(SeccompFilterSpec.ALLOW, with.run("socket", afInet, sockRaw));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void emulatedCallsTrapToTheirHandlers(Arch arch) {
    Compiled c = compile(arch, 0, false);
    assertEquals("uname", c.row(c.run("uname")).handler());
    assertEquals("sysinfo", c.row(c.run("sysinfo")).handler());
    assertEquals("personality", c.row(c.run("personality", 0xffffffffL)).handler());
  }
}
