package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decodes register sets captured from real kernels (x86_64 natively, aarch64 on a Debian arm64 kernel under
 * qemu-system-aarch64; see tools/arch/capture-regdump.sh) and checks {@link RegisterLayout} against two independent
 * truths: the kernel's own decoding of the same stop (PTRACE_GET_SYSCALL_INFO) and what the kernel observably did.
 */
class CapturedRegisterDumpTest {
  private static final List<String> SYSCALL_STOPS =
      List.of("six-args-entry", "rewrite-entry", "clone-skip-entry", "clone-run-entry", "seccomp");
  private static final int SIGCHLD = 17;
  private static final long CLONE_CHILD_SETTID = 0x01000000L;
  private static final int ENOSYS = 38;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void fixtureComesFromAKernelOfThatArchitecture(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    assertEquals(arch.unameName(), dump.facts.get("uname_machine"));
    assertEquals("0", dump.facts.get("tracee_exit"), "the capture's tracee must have run to completion");
    assertTrue(dump.regs.size() >= 10, "stops captured: " + dump.regs.keySet());
    for (Map.Entry<String, long[]> stop : dump.regs.entrySet()) {
      assertEquals(arch.registers().slotCount(), stop.getValue().length, "NT_PRSTATUS slots at " + stop.getKey());
      assertEquals(arch.registers().regsetBytes(), stop.getValue().length * 8);
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void numberArgumentsPcAndSpAgreeWithTheKernelsDecodingAtEntryAndSeccompStops(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    for (String label : SYSCALL_STOPS) {
      long[] r = dump.regs(label);
      RegisterDump.SyscallInfo info = dump.sysinfo(label);
      assertEquals(label.equals("seccomp") ? "seccomp" : "entry", info.op(), label);
      assertEquals(arch.auditArch(), info.get("arch"), label);
      assertEquals(info.get("nr"), layout.syscallNumber(r), label + " syscall number");
      for (int i = 0; i < 6; i++) {
        assertEquals(info.get("a" + i), layout.arg(r, i), label + " argument " + i);
      }
      assertEquals(info.get("ip"), layout.programCounter(r), label + " pc");
      assertEquals(info.get("sp"), layout.stackPointer(r), label + " sp");
      assertEquals(dump.fact("syscall_site"), layout.programCounter(r), label + ": pc is just past the syscall insn");
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void returnValueAgreesWithTheKernelAtExitStops(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    for (String label : List.of("six-args-exit", "rewrite-exit", "clone-skip-exit", "clone-run-exit")) {
      long[] r = dump.regs(label);
      assertEquals("exit", dump.sysinfo(label).op(), label);
      assertEquals(dump.sysinfo(label).get("rval"), layout.returnValue(r), label + " return value");
      assertEquals(dump.fact("syscall_site"), layout.programCounter(r), label + " pc");
    }
    assertEquals(dump.fact("tracer_pid"), layout.returnValue(dump.regs("six-args-exit")), "getppid() result");
    assertTrue(layout.returnValue(dump.regs("clone-run-exit")) > 0, "clone returned the child's pid");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void recognisableArgumentsDecodeInOrder(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    SyscallTable table = arch.syscalls();
    long[] sixArgs = dump.regs("six-args-entry");
    assertEquals(table.require("getppid"), layout.syscallNumber(sixArgs));
    for (int i = 0; i < 6; i++) {
      assertEquals(0x1111L * (i + 1), layout.arg(sixArgs, i));
    }
    long[] seccomp = dump.regs("seccomp");
    assertEquals(table.require("getegid"), layout.syscallNumber(seccomp));
    for (int i = 0; i < 6; i++) {
      assertEquals(0xa1L + i, layout.arg(seccomp, i));
    }
    assertEquals(0x42L, dump.sysinfo("seccomp").get("ret_data"), "SECCOMP_RET_DATA of the filter's RET_TRACE");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void cloneArgumentOrderMatchesWhereTheKernelWroteTheChildTid(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    CloneArgs run = layout.decodeClone(dump.regs("clone-run-entry"));
    assertEquals(SIGCHLD | CLONE_CHILD_SETTID, run.flags());
    assertEquals(0, run.stack());
    long childTidAddr = dump.fact("clone_child_settid_addr");
    assertNotEquals(-1L, childTidAddr, "the cloned child found its tid in one of the slots");
    assertEquals(childTidAddr, run.childTid(), "CLONE_CHILD_SETTID wrote to the decoded child_tid pointer");
    String[] slots = dump.facts.get("clone_slot_addrs").split(" ");
    assertEquals(RegisterDump.number(slots[0]), run.parentTid());
    assertEquals(
        RegisterDump.number(slots[1]) + RegisterDump.number(slots[2]),
        run.childTid() + run.tls(),
        "child_tid and tls are the two other pointer arguments");

    CloneArgs skipped = layout.decodeClone(dump.regs("clone-skip-entry"));
    assertEquals(SIGCHLD, skipped.flags());
    assertEquals(0x2222, skipped.stack());
    assertEquals(0x3333, skipped.parentTid());
    assertEquals(arch == Arch.X86_64 ? 0x4444 : 0x5555, skipped.childTid());
    assertEquals(arch == Arch.X86_64 ? 0x5555 : 0x4444, skipped.tls());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void writingTheNumberSlotChangesTheSyscallOnlyWhereTheLayoutSaysSo(Arch arch) throws IOException {
    // At rewrite-entry the capture tool wrote getpid's number into the syscall-number slot of NT_PRSTATUS.
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    long result = layout.returnValue(dump.regs("rewrite-exit"));
    long expected = layout.syscallNumberInRegset() ? dump.fact("tracee_pid") : dump.fact("tracer_pid");
    assertEquals(expected, result, "getppid rewritten to getpid in the regset ran as");
    assertEquals(arch.syscalls().require("getpid"), layout.syscallNumber(dump.regs("rewrite-exit")));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void skippedSyscallLeavesWhatTheSentryMustOverwrite(Arch arch) throws IOException {
    // Skipping (x86_64 orig_rax = -1; aarch64 NT_ARM_SYSTEM_CALL = -1) does not run clone. x86_64 leaves the
    // -ENOSYS the kernel preloads into rax; aarch64 leaves x0 = argument 0. An emulating sentry sets the result.
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    long rv = layout.returnValue(dump.regs("clone-skip-exit"));
    assertEquals(arch == Arch.X86_64 ? -ENOSYS : SIGCHLD, rv);
    if (arch == Arch.X86_64) {
      assertEquals(-1, layout.syscallNumber(dump.regs("clone-skip-exit")), "orig_rax reads back the skip");
    } else {
      assertEquals(-1L, dump.sysno.get("clone-skip-exit"), "NT_ARM_SYSTEM_CALL reads back the skip");
      assertEquals(arch.syscalls().require("clone"), layout.syscallNumber(dump.regs("clone-skip-exit")), "x8 kept");
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void clobberedSlotCarriesTheStopKindAtSyscallStopsButNotAtSeccompStops(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    int slot = arch.registers().clobberedAtSyscallStop();
    if (arch == Arch.X86_64) {
      assertEquals(-1, slot);
      return;
    }
    // regdump's syscall helper loads x7 = 0x7777 before every svc.
    assertEquals(arch.registers().slot("x7").getAsInt(), slot);
    for (String label : List.of("six-args", "rewrite", "clone-skip", "clone-run")) {
      assertEquals(0, dump.regs(label + "-entry")[slot], label + " entry");
      assertEquals(1, dump.regs(label + "-exit")[slot], label + " exit");
    }
    assertEquals(0x7777, dump.regs("seccomp")[slot], "a seccomp stop shows the real x7");
    for (String label : SYSCALL_STOPS) {
      assertEquals(arch.registers().syscallNumber(dump.regs(label)), dump.sysno.get(label), label + " sysno");
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void injectionIntoARealSignalStopTouchesOnlyTheInjectionSlots(Arch arch) throws IOException {
    RegisterDump dump = RegisterDump.load(arch);
    RegisterLayout layout = arch.registers();
    long[] before = dump.regs("sigstop");
    assertEquals("none", dump.sysinfo("sigstop").op(), "raise(SIGSTOP) leaves a signal-delivery stop");
    long[] r = before.clone();
    long trampoline = arch.stub().trampoline();
    int mmap = arch.syscalls().require("mmap");
    layout.prepareInjection(r, trampoline, mmap, 0, 4096, 3, 0x22, -1, 0);

    assertEquals(trampoline, layout.programCounter(r));
    long[] expectedArgs = {0, 4096, 3, 0x22, -1, 0};
    for (int i = 0; i < 6; i++) {
      assertEquals(expectedArgs[i], layout.arg(r, i), "arg " + i);
    }
    int numberSlot = layout.slot(arch == Arch.X86_64 ? "rax" : "x8").getAsInt();
    assertEquals(mmap, r[numberSlot]);
    if (arch == Arch.X86_64) {
      // raise() stopped inside tgkill: orig_rax still names it, so restart logic could rewind rip without the guard.
      assertEquals(arch.syscalls().require("tgkill"), layout.syscallNumber(before));
      assertEquals(-1, layout.syscallNumber(r));
    }
    for (int i = 0; i < r.length; i++) {
      String name = layout.slotNames().get(i);
      boolean injected =
          i == numberSlot
              || name.equals(arch == Arch.X86_64 ? "rip" : "pc")
              || name.equals("orig_rax")
              || isArgSlot(layout, i);
      if (!injected) {
        assertEquals(before[i], r[i], "slot " + i + " (" + name + ") must be untouched");
      }
    }
  }

  private static boolean isArgSlot(RegisterLayout layout, int slot) {
    long[] probe = new long[layout.slotCount()];
    probe[slot] = 1;
    for (int i = 0; i < 6; i++) {
      if (layout.arg(probe, i) == 1) {
        return true;
      }
    }
    return false;
  }
}
