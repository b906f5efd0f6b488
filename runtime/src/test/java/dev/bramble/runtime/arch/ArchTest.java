package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchTest {
  @Test
  void everySpellingOfX86_64() {
    Arch a = Arch.X86_64;
    assertEquals("x86_64", a.unameName());
    assertEquals("amd64", a.debianName());
    assertEquals("SCMP_ARCH_X86_64", a.seccompName());
    assertEquals(0xC000003EL, a.auditArch());
    assertEquals(62, a.elfMachine());
    assertSame(ElfMachine.X86_64, a.elfMachineEntry());
  }

  @Test
  void everySpellingOfAarch64() {
    Arch a = Arch.AARCH64;
    assertEquals("aarch64", a.unameName());
    assertEquals("arm64", a.debianName());
    assertEquals("SCMP_ARCH_AARCH64", a.seccompName());
    assertEquals(0xC00000B7L, a.auditArch());
    assertEquals(183, a.elfMachine());
    assertSame(ElfMachine.AARCH64, a.elfMachineEntry());
  }

  @Test
  void parsesEachToolsSpellingAndNothingElse() {
    assertEquals(Optional.of(Arch.X86_64), Arch.fromJvm("amd64"));
    assertEquals(Optional.of(Arch.X86_64), Arch.fromJvm("x86_64"));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromJvm("aarch64"));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromJvm("arm64"));
    assertEquals(Optional.empty(), Arch.fromJvm("arm"));
    assertEquals(Optional.empty(), Arch.fromJvm(null));

    assertEquals(Optional.of(Arch.X86_64), Arch.fromUname("x86_64\n"));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromUname("aarch64"));
    assertEquals(Optional.empty(), Arch.fromUname("aarch64_be"));
    assertEquals(Optional.empty(), Arch.fromUname("armv7l"));
    assertEquals(Optional.empty(), Arch.fromUname("amd64"), "uname never says amd64");

    assertEquals(Optional.of(Arch.X86_64), Arch.fromDebian("amd64"));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromDebian("arm64"));
    assertEquals(Optional.empty(), Arch.fromDebian("armhf"));
    assertEquals(Optional.empty(), Arch.fromDebian("x86_64"), "Debian never says x86_64");

    assertEquals(Optional.of(Arch.X86_64), Arch.fromSeccomp("SCMP_ARCH_X86_64"));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromSeccomp("SCMP_ARCH_AARCH64"));
    assertEquals(Optional.empty(), Arch.fromSeccomp("SCMP_ARCH_X32"));

    assertEquals(Optional.of(Arch.X86_64), Arch.fromAuditArch(0xC000003EL));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromAuditArch(0xC00000B7L));
    assertEquals(Optional.empty(), Arch.fromAuditArch(0x40000003L), "AUDIT_ARCH_I386");

    assertEquals(Optional.of(Arch.X86_64), Arch.fromElfMachine(62));
    assertEquals(Optional.of(Arch.AARCH64), Arch.fromElfMachine(183));
    for (int foreign : new int[] {3, 40, 243, 21, 22}) {
      assertEquals(Optional.empty(), Arch.fromElfMachine(foreign), "e_machine " + foreign);
    }
  }

  @Test
  void hostAgreesWithTheJvmAndTheKernel() throws IOException, InterruptedException {
    Arch host = Arch.host();
    assertEquals(Arch.fromJvm(System.getProperty("os.arch")).orElseThrow(), host);
    Process uname = new ProcessBuilder("uname", "-m").start();
    String machine = new String(uname.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertEquals(0, uname.waitFor());
    assertEquals(Optional.of(host), Arch.fromUname(machine), "uname -m says " + machine);
  }

  @Test
  void reachesItsDataTables() {
    for (Arch a : Arch.values()) {
      assertSame(a, a.syscalls().arch());
      assertSame(a, a.registers().arch());
      assertSame(a, a.stub().arch());
      assertSame(a.syscalls(), a.syscalls(), "tables are loaded once");
    }
  }
}
