package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Slot-level facts of both layouts on synthetic register sets where slot i holds 1000 + i. */
class RegisterLayoutTest {
  private static final RegisterLayout X86 = Arch.X86_64.registers();
  private static final RegisterLayout ARM = Arch.AARCH64.registers();

  private static long[] numbered(RegisterLayout layout) {
    long[] r = new long[layout.slotCount()];
    for (int i = 0; i < r.length; i++) {
      r[i] = 1000 + i;
    }
    return r;
  }

  @Test
  void x86_64ReadsUserRegsStructSlots() {
    long[] r = numbered(X86);
    assertEquals(27, X86.slotCount());
    assertEquals(216, X86.regsetBytes());
    assertEquals(1015, X86.syscallNumber(r)); // orig_rax
    long[] args = {1014, 1013, 1012, 1007, 1009, 1008}; // rdi rsi rdx r10 r8 r9
    for (int i = 0; i < 6; i++) {
      assertEquals(args[i], X86.arg(r, i), "arg " + i);
    }
    assertEquals(1010, X86.returnValue(r)); // rax
    assertEquals(1016, X86.programCounter(r)); // rip
    assertEquals(1019, X86.stackPointer(r)); // rsp
    assertEquals(OptionalInt.of(15), X86.slot("orig_rax"));
    assertEquals(OptionalInt.of(21), X86.slot("fs_base"));
    assertEquals("gs", X86.slotNames().get(26));
  }

  @Test
  void aarch64ReadsUserPtRegsSlots() {
    long[] r = numbered(ARM);
    assertEquals(34, ARM.slotCount());
    assertEquals(272, ARM.regsetBytes());
    assertEquals(1008, ARM.syscallNumber(r)); // x8
    for (int i = 0; i < 6; i++) {
      assertEquals(1000 + i, ARM.arg(r, i), "arg " + i);
    }
    assertEquals(1000, ARM.returnValue(r)); // x0
    assertEquals(1032, ARM.programCounter(r)); // pc
    assertEquals(1031, ARM.stackPointer(r)); // sp
    assertEquals(OptionalInt.of(33), ARM.slot("pstate"));
    assertEquals(OptionalInt.of(30), ARM.slot("x30"));
    assertEquals(OptionalInt.empty(), ARM.slot("orig_x0"), "orig_x0 is not part of NT_PRSTATUS");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void slotNamesAreUniqueAndResolvable(Arch arch) {
    RegisterLayout layout = arch.registers();
    List<String> names = layout.slotNames();
    assertEquals(layout.slotCount(), names.size());
    assertEquals(names.size(), new HashSet<>(names).size());
    for (int i = 0; i < names.size(); i++) {
      assertEquals(OptionalInt.of(i), layout.slot(names.get(i)));
    }
    assertEquals(arch, layout.arch());
    assertTrue(arch.registers() == layout, "one shared layout per arch");
  }

  @Test
  void settersWriteTheSameSlotsTheGettersRead() {
    for (RegisterLayout layout : List.of(X86, ARM)) {
      long[] r = numbered(layout);
      layout.setReturnValue(r, -13);
      assertEquals(-13, layout.returnValue(r));
      layout.setProgramCounter(r, 0x400123);
      assertEquals(0x400123, layout.programCounter(r));
      for (int i = 0; i < 6; i++) {
        layout.setArg(r, i, 7 * i + 1);
      }
      for (int i = 0; i < 6; i++) {
        assertEquals(7 * i + 1, layout.arg(r, i));
      }
    }
    long[] r = numbered(X86);
    X86.setSyscallNumber(r, -1);
    assertEquals(-1, r[15]);
  }

  @Test
  void syscallNumberIsChangedThroughTheRegsetOnlyOnX86() {
    assertTrue(X86.syscallNumberInRegset());
    assertEquals(OptionalInt.empty(), X86.syscallNumberRegset());
    assertFalse(ARM.syscallNumberInRegset());
    assertEquals(OptionalInt.of(0x404), ARM.syscallNumberRegset());
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> ARM.setSyscallNumber(numbered(ARM), 172));
    assertTrue(e.getMessage().contains("NT_ARM_SYSTEM_CALL"), e.getMessage());
  }

  @Test
  void clobberedSlotIsX7OnAarch64AndNoneOnX86() {
    assertEquals(-1, X86.clobberedAtSyscallStop());
    assertEquals(7, ARM.clobberedAtSyscallStop());
  }

  @Test
  void x86InjectionSetsRaxRipArgsAndDisarmsRestartViaOrigRax() {
    long[] r = numbered(X86);
    X86.prepareInjection(r, 0x4000cf, 9, 0, 4096, 3);
    long[] expected = numbered(X86);
    expected[16] = 0x4000cf; // rip
    expected[10] = 9; // rax: what `syscall` executes
    expected[15] = -1; // orig_rax: no restart rewinding
    expected[14] = 0; // rdi
    expected[13] = 4096; // rsi
    expected[12] = 3; // rdx
    expected[7] = 0; // r10, missing arguments are zero
    expected[9] = 0; // r8
    expected[8] = 0; // r9
    assertArrayEquals(expected, r);
  }

  @Test
  void aarch64InjectionSetsX8PcAndArgs() {
    long[] r = numbered(ARM);
    ARM.prepareInjection(r, 0x4000cc, 222, 1, 2, 3, 4, 5, 6);
    long[] expected = numbered(ARM);
    expected[32] = 0x4000cc;
    expected[8] = 222;
    for (int i = 0; i < 6; i++) {
      expected[i] = i + 1;
    }
    assertArrayEquals(expected, r);
  }

  @Test
  void cloneDecodingFollowsEachArchsArgumentOrder() {
    long[] x = numbered(X86);
    assertEquals(new CloneArgs(1014, 1013, 1012, 1007, 1009), X86.decodeClone(x)); // rdi rsi rdx r10 r8
    long[] a = numbered(ARM);
    assertEquals(new CloneArgs(1000, 1001, 1002, 1004, 1003), ARM.decodeClone(a)); // x3 = tls, x4 = child_tid
  }

  @Test
  void cloneOrderRejectsImpossiblePositions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CloneArgs.Order(0, 1, 2, 2, 3));
    assertTrue(e.getMessage().contains("childTid=2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CloneArgs.Order(0, 1, 2, 3, 6));
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    IllegalArgumentException shortArray =
        assertThrows(IllegalArgumentException.class, () -> ARM.syscallNumber(new long[27]));
    assertEquals("aarch64 NT_PRSTATUS has 34 slots but the register array has 27", shortArray.getMessage());
    IllegalArgumentException badIndex =
        assertThrows(IllegalArgumentException.class, () -> X86.arg(numbered(X86), 6));
    assertTrue(badIndex.getMessage().contains("0..5"), badIndex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> X86.setArg(numbered(X86), -1, 0));
    IllegalArgumentException tooMany =
        assertThrows(
            IllegalArgumentException.class, () -> X86.prepareInjection(numbered(X86), 0, 1, 1, 2, 3, 4, 5, 6, 7));
    assertTrue(tooMany.getMessage().contains("at most 6"), tooMany.getMessage());
  }

  @Test
  void factsThatNameAMissingRegisterFailAtConstruction() {
    RegisterFacts broken =
        new RegisterFacts(
            Arch.X86_64,
            List.of("rax", "rdi"),
            "orig_rax",
            "rax",
            null,
            List.of("rdi", "rdi", "rdi", "rdi", "rdi", "rdi"),
            "rax",
            "rip",
            "rsp",
            null,
            true,
            CloneArgs.Order.DEFAULT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SlotRegisterLayout(broken));
    assertTrue(e.getMessage().contains("no register named orig_rax"), e.getMessage());
  }
}
