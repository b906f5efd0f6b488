package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElfMachineTest {
  @Test
  void codesAreTheElfSpecificationsValues() {
    assertEquals(3, ElfMachine.I386.code());
    assertEquals(40, ElfMachine.ARM.code());
    assertEquals(62, ElfMachine.X86_64.code());
    assertEquals(183, ElfMachine.AARCH64.code());
    assertEquals(243, ElfMachine.RISCV.code());
    assertEquals(21, ElfMachine.PPC64.code());
    assertEquals(22, ElfMachine.S390.code());
    Set<Integer> codes = new HashSet<>();
    for (ElfMachine m : ElfMachine.values()) {
      assertEquals(true, codes.add(m.code()), "duplicate code " + m.code());
      assertEquals(Optional.of(m), ElfMachine.of(m.code()));
    }
  }

  @Test
  void namesTheMachinesAnOperatorMeetsInImages() {
    assertEquals("amd64 (x86_64)", ElfMachine.describe(62, true, true));
    assertEquals("arm64 (aarch64)", ElfMachine.describe(183, true, true));
    assertEquals("i386 (32-bit x86)", ElfMachine.describe(3, false, true));
    assertEquals("armhf/armel (32-bit arm)", ElfMachine.describe(40, false, true));
    assertEquals("riscv64", ElfMachine.describe(243, true, true));
    assertEquals("ppc64el (ppc64le)", ElfMachine.describe(21, true, true));
    assertEquals("ppc64 (big-endian)", ElfMachine.describe(21, true, false));
    assertEquals("s390x", ElfMachine.describe(22, true, false));
    assertEquals("x32 (x86_64 with 32-bit pointers)", ElfMachine.describe(62, false, true));
    assertEquals("unknown machine 4660 (0x1234)", ElfMachine.describe(0x1234, true, true));
  }

  @Test
  void onlyTheSupportedMachinesMapToAnArch() {
    for (ElfMachine m : ElfMachine.values()) {
      Optional<Arch> expected =
          switch (m) {
            case X86_64 -> Optional.of(Arch.X86_64);
            case AARCH64 -> Optional.of(Arch.AARCH64);
            default -> Optional.empty();
          };
      assertEquals(expected, m.arch(), m.name());
    }
    assertEquals("arm64", ElfMachine.AARCH64.debianName());
    assertEquals("aarch64", ElfMachine.AARCH64.unameName());
    assertEquals("armhf", ElfMachine.ARM.debianName());
  }
}
