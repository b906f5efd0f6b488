package dev.bramble.runtime.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real binary of the other architecture, downloaded with apt at test time. */
class ForeignBusyboxTest {
  @TempDir Path dir;

  @Test
  void theForeignBusyboxIsRecognisedAsTheOtherArchitecture() throws Exception {
    String foreign = ForeignBusybox.foreignDebianArch();
    Arch foreignArch = Arch.fromDebian(foreign).orElseThrow();

    ElfFile elf = ElfReader.read(ForeignBusybox.fetch(foreign, dir));

    assertTrue(elf.isNativeTo(foreignArch), elf.describe());
    assertFalse(elf.isNativeTo(Arch.host()), elf.describe());
    assertEquals(foreignArch.elfMachine(), elf.machine());
    assertTrue(elf.describe().contains(foreignArch.debianName() + " (" + foreignArch.unameName() + ")"),
        elf.describe());
    if (foreignArch == Arch.AARCH64) {
      // Debian links arm64 binaries for 64K pages, so they load on 4K, 16K and 64K kernels alike
      assertTrue(elf.loadSegments().stream().allMatch(h -> h.align() == 0x10000 && h.mappableWith(16384)),
          elf.describe());
    }
  }
}
