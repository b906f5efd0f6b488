package dev.bramble.runtime.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.runtime.arch.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheHostsStaticBusybox() throws IOException {
    Path busybox = Path.of("/bin/busybox");
    assumeTrue(Files.isRegularFile(busybox), "busybox-static is not installed");

    ElfFile elf = ElfReader.read(busybox.toRealPath());

    assertTrue(elf.isNativeTo(Arch.host()), elf.describe());
    assertEquals(Optional.empty(), elf.interpreter(), "busybox-static has no dynamic loader");
    assertTrue(elf.loadSegments().size() >= 2);
    assertTrue(elf.describe().contains("statically linked"), elf.describe());
  }

  @Test
  void readsTheLoaderPathOfADynamicProgram() throws IOException {
    ElfFile elf = ElfReader.read(Path.of("/bin/ls").toRealPath());

    assertTrue(elf.interpreter().orElseThrow().matches("/lib(64)?/ld-linux-.*\\.so\\.\\d"), elf.describe());
  }

  @Test
  void readsA32BitArmHeaderAndItsSegments() throws IOException {
    Path file = TestElf.of(false, true, 40).load(0, 0x10000, 0x1000).load(0x1f00, 0x21f00, 0x1000)
        .writeTo(dir.resolve("arm"));

    ElfFile elf = ElfReader.read(file);

    assertFalse(elf.elf64());
    assertEquals(40, elf.machine());
    assertEquals("armhf/armel (32-bit arm)", elf.describeMachine());
    assertTrue(elf.isCompat32For(Arch.AARCH64));
    assertFalse(elf.isCompat32For(Arch.X86_64));
    ProgramHeader second = elf.loadSegments().get(1);
    assertEquals(0x1f00, second.offset());
    assertEquals(0x21f00, second.vaddr());
    assertEquals(0x1000, second.align());
  }

  @Test
  void readsBigEndianHeaders() throws IOException {
    Path file = TestElf.of(true, false, 21).load(0, 0x10000000, 0x10000).writeTo(dir.resolve("ppc64"));

    ElfFile elf = ElfReader.read(file);

    assertEquals("ppc64 (big-endian)", elf.describeMachine());
    assertEquals(0x10000000, elf.loadSegments().get(0).vaddr());
    assertEquals(0x10000, elf.loadSegments().get(0).align());
  }

  @Test
  void readsPtInterp() throws IOException {
    Path file = TestElf.native64(62).interpreter("/lib/ld-musl-x86_64.so.1").load(0, 0x400000, 0x1000)
        .writeTo(dir.resolve("dyn"));

    assertEquals(Optional.of("/lib/ld-musl-x86_64.so.1"), ElfReader.read(file).interpreter());
  }

  @Test
  void rejectsATruncatedHeader() throws IOException {
    byte[] full = TestElf.native64(62).load(0, 0x400000, 0x1000).bytes();
    Path file = dir.resolve("short");
    Files.write(file, Arrays.copyOf(full, 40));

    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(file, "/bin/short"));

    assertTrue(e.getMessage().startsWith("/bin/short: truncated"), e.getMessage());
  }

  @Test
  void rejectsAWrongProgramHeaderEntrySize() throws IOException {
    Path file = TestElf.native64(62).load(0, 0x400000, 0x1000).phentsize(32).writeTo(dir.resolve("bad"));

    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(file));

    assertTrue(e.getMessage().contains("e_phentsize is 32, expected 56"), e.getMessage());
  }

  @Test
  void rejectsAFileWithoutTheMagic() throws IOException {
    Path file = dir.resolve("text");
    Files.writeString(file, "this is not an executable, just a text file long enough");

    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(file));

    assertTrue(e.getMessage().contains("not an ELF file"), e.getMessage());
  }

  @Test
  void rejectsAnUnterminatedInterpreterPath() throws IOException {
    byte[] bytes = TestElf.native64(62).interpreter("/lib/ld.so").load(0, 0x400000, 0x1000).bytes();
    int nul = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("/lib/ld.so") + 10;
    bytes[nul] = 'X';
    Path file = dir.resolve("unterminated");
    Files.write(file, bytes);

    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(file));

    assertTrue(e.getMessage().contains("not NUL-terminated"), e.getMessage());
  }

  @Test
  void segmentMappabilityFollowsOffsetAndAddressCongruence() {
    ProgramHeader congruent = new ProgramHeader(ProgramHeader.PT_LOAD, 5, 0x1000, 0x401000, 1, 1, 0x1000);
    ProgramHeader skewed = new ProgramHeader(ProgramHeader.PT_LOAD, 5, 0x1f00, 0x22f00, 1, 1, 0x1000);

    assertTrue(congruent.mappableWith(4096));
    assertTrue(congruent.mappableWith(16384), "0x400000 apart: congruent modulo 16K too");
    assertTrue(skewed.mappableWith(4096));
    assertFalse(skewed.mappableWith(16384));
  }
}
