package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads the emitted stub back as an ELF file and as machine code. */
class StubImageTest {
  private static final int PT_LOAD = 1;
  private static final int PT_GNU_STACK = 0x6474e551;

  record ProgramHeader(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

  private static List<ProgramHeader> programHeaders(ByteBuffer b) {
    long phoff = b.getLong(32);
    int phentsize = Short.toUnsignedInt(b.getShort(54));
    int phnum = Short.toUnsignedInt(b.getShort(56));
    assertEquals(56, phentsize);
    List<ProgramHeader> headers = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int o = (int) phoff + i * phentsize;
      headers.add(
          new ProgramHeader(
              b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 32),
              b.getLong(o + 40), b.getLong(o + 48)));
    }
    return headers;
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void isAStaticElf64ExecutableForItsMachine(Arch arch) {
    StubImage stub = arch.stub();
    byte[] elf = stub.elf();
    ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, Arrays.copyOf(elf, 7), "ELF64 LSB v1");
    assertEquals(2, b.getShort(16), "ET_EXEC");
    assertEquals(arch.elfMachine(), b.getShort(18));
    assertEquals(stub.entry(), b.getLong(24), "e_entry");
    assertEquals(0, b.getShort(60), "no section headers");
    assertEquals(elf.length, stub.size());

    List<ProgramHeader> headers = programHeaders(b);
    assertEquals(2, headers.size());
    ProgramHeader load = headers.get(0);
    assertEquals(PT_LOAD, load.type());
    assertEquals(5, load.flags(), "R+X, never writable");
    assertEquals(0, load.offset());
    assertEquals(StubImage.LOAD_ADDRESS, load.vaddr());
    assertEquals(elf.length, load.filesz());
    assertEquals(elf.length, load.memsz());
    assertEquals(0x10000, load.align(), "loads on 4K, 16K and 64K page kernels");
    assertEquals(0, load.vaddr() % load.align());
    assertTrue(load.vaddr() >= 0x10000, "above the default vm.mmap_min_addr");
    assertTrue(load.vaddr() + load.memsz() < (1L << 38), "inside a 39-bit user address space");
    ProgramHeader stack = headers.get(1);
    assertEquals(PT_GNU_STACK, stack.type());
    assertEquals(6, stack.flags(), "RW stack, not executable");

    assertTrue(stub.entry() >= load.vaddr() && stub.entry() < load.vaddr() + load.filesz());
    assertTrue(stub.trampoline() > stub.entry() && stub.afterTrampoline() < load.vaddr() + load.filesz());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void trampolineIsASyscallInstructionFollowedByAnExitFence(Arch arch) {
    StubImage stub = arch.stub();
    byte[] elf = stub.elf();
    int at = (int) (stub.trampoline() - StubImage.LOAD_ADDRESS);
    byte[] insn = stub.syscallInstruction();
    assertArrayEquals(insn, Arrays.copyOfRange(elf, at, at + insn.length));
    byte[] fence = Arrays.copyOfRange(elf, at + insn.length, elf.length);
    int exitGroup = arch.syscalls().require("exit_group");
    switch (arch) {
      case X86_64 -> {
        assertArrayEquals(new byte[] {0x0f, 0x05}, insn, "syscall");
        // mov edi,1; mov eax,exit_group; syscall; jmp back to the mov edi,1
        assertArrayEquals(new byte[] {(byte) 0xbf, 1, 0, 0, 0, (byte) 0xb8, (byte) exitGroup, 0, 0, 0, 0x0f, 0x05,
            (byte) 0xeb, (byte) 0xf2}, fence, "exit fence");
      }
      case AARCH64 -> {
        assertArrayEquals(new byte[] {0x01, 0x00, 0x00, (byte) 0xd4}, insn, "svc #0");
        ByteBuffer words = ByteBuffer.wrap(fence).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xd2800000 | 1 << 5, words.getInt(0), "movz x0, #1");
        assertEquals(0xd2800008 | exitGroup << 5, words.getInt(4), "movz x8, #exit_group");
        assertEquals(0xd4000001, words.getInt(8), "svc #0");
        assertEquals(0x17fffffd, words.getInt(12), "b .-12 (back to the movz x0)");
        assertEquals(0, stub.entry() % 4, "aarch64 instructions are word aligned");
        assertEquals(0, stub.trampoline() % 4);
      }
    }
    assertEquals(stub.trampoline() + insn.length, stub.afterTrampoline());
  }

  @Test
  void aarch64EncodingsAreTheDocumentedOnes() {
    ByteBuffer code = ByteBuffer.wrap(Arch.AARCH64.stub().elf()).order(ByteOrder.LITTLE_ENDIAN);
    int base = StubImage.CODE_OFFSET;
    assertEquals(0xd2800008 | 172 << 5, code.getInt(base), "movz x8, #172 (getpid)");
    assertEquals(0xd4000001, code.getInt(base + 4), "svc #0");
    assertEquals(0xd2800001 | 19 << 5, code.getInt(base + 8), "movz x1, #19 (SIGSTOP)");
    assertEquals(0xd2800008 | 129 << 5, code.getInt(base + 12), "movz x8, #129 (kill)");
  }

  /** Disassembles the code with binutils (skipped when objdump for the arch is missing). */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void disassemblesToTheIntendedProgram(Arch arch, @TempDir Path dir) throws Exception {
    Optional<Path> objdump =
        arch == Arch.X86_64
            ? HostTools.find("x86_64-linux-gnu-objdump").or(() -> HostTools.find("objdump"))
            : HostTools.find("aarch64-linux-gnu-objdump");
    assumeTrue(objdump.isPresent(), "objdump for " + arch.unameName() + " not installed");
    StubImage stub = arch.stub();
    Path file = Files.write(dir.resolve("stub.bin"), stub.elf());
    String machine = arch == Arch.X86_64 ? "i386:x86-64" : "aarch64";
    String out =
        HostTools.run(
            List.of(objdump.get().toString(), "-D", "-b", "binary", "-m", machine,
                "--adjust-vma=0x" + Long.toHexString(StubImage.LOAD_ADDRESS),
                "--start-address=0x" + Long.toHexString(stub.entry()), file.toString()),
            null);
    List<String> insns = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length >= 3 && cols[0].trim().matches("[0-9a-f]+:")) {
        String insn = String.join(" ", Arrays.copyOfRange(cols, 2, cols.length));
        insns.add(insn.replaceAll("//.*", "").replaceAll("\\s+", " ").trim());
      }
    }
    SyscallTable t = arch.syscalls();
    String fence = Long.toHexString(stub.afterTrampoline());
    List<String> expected =
        arch == Arch.X86_64
            ? List.of(
                "mov $0x" + Integer.toHexString(t.require("getpid")) + ",%eax", "syscall", "mov %eax,%edi",
                "mov $0x13,%esi", "mov $0x" + Integer.toHexString(t.require("kill")) + ",%eax", "syscall",
                "mov $0x1,%edi", "mov $0x" + Integer.toHexString(t.require("exit_group")) + ",%eax", "syscall",
                "mov $0x1,%edi", "mov $0x" + Integer.toHexString(t.require("exit_group")) + ",%eax", "syscall",
                "jmp 0x" + fence)
            : List.of(
                "mov x8, #0x" + Integer.toHexString(t.require("getpid")), "svc #0x0", "mov x1, #0x13",
                "mov x8, #0x" + Integer.toHexString(t.require("kill")), "svc #0x0", "mov x0, #0x1",
                "mov x8, #0x" + Integer.toHexString(t.require("exit_group")), "svc #0x0", "mov x0, #0x1",
                "mov x8, #0x" + Integer.toHexString(t.require("exit_group")), "svc #0x0", "b 0x" + fence);
    assertEquals(expected, insns, out);
  }
}
