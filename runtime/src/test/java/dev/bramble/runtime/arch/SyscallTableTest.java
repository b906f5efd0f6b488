package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyscallTableTest {
  private static final SyscallTable X86 = Arch.X86_64.syscalls();
  private static final SyscallTable ARM = Arch.AARCH64.syscalls();

  @Test
  void x86_64Numbers() {
    Map<String, Integer> known =
        Map.of("read", 0, "open", 2, "clone", 56, "fork", 57, "execve", 59, "kill", 62, "getpid", 39,
            "seccomp", 317, "clone3", 435, "close_range", 436);
    known.forEach((name, nr) -> assertEquals(OptionalInt.of(nr), X86.number(name), name));
    assertEquals(231, X86.require("exit_group"));
  }

  @Test
  void aarch64NumbersAndTheSyscallsItDoesNotHave() {
    Map<String, Integer> known =
        Map.of("read", 63, "openat", 56, "clone", 220, "execve", 221, "kill", 129, "getpid", 172,
            "exit_group", 94, "seccomp", 277, "clone3", 435, "close_range", 436);
    known.forEach((name, nr) -> assertEquals(OptionalInt.of(nr), ARM.number(name), name));
    for (String absent : new String[] {"open", "fork", "vfork", "stat", "pipe", "dup2", "poll", "select", "mkdir"}) {
      assertEquals(OptionalInt.empty(), ARM.number(absent), absent + " is not an aarch64 syscall");
      assertTrue(X86.number(absent).isPresent(), absent + " is an x86_64 syscall");
    }
    assertEquals(25, ARM.require("fcntl"), "fcntl resolves through __NR3264_fcntl");
  }

  @Test
  void requireNamesTheArchAndTheSyscall() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ARM.require("fork"));
    assertTrue(e.getMessage().startsWith("syscall 'fork' does not exist on aarch64"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> X86.require("no_such_syscall"));
  }

  @Test
  void namesResolveBackFromNumbers() {
    assertEquals(Optional.of("execve"), X86.name(59));
    assertEquals(Optional.of("execve"), ARM.name(221));
    assertEquals(Optional.of("clone"), ARM.name(220));
    assertEquals(Optional.empty(), ARM.name(-1));
    assertEquals(Optional.empty(), X86.name(100_000));
    assertEquals(Optional.empty(), ARM.name(244), "arm64's arch-specific range is empty");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyNameRoundTripsAndIsInAscendingOrder(Arch arch) {
    SyscallTable t = arch.syscalls();
    assertTrue(t.size() > 290, arch + " has " + t.size());
    assertEquals(t.size(), t.names().size());
    int previous = -1;
    for (String name : t.names()) {
      int nr = t.require(name);
      assertTrue(nr > previous, name + " out of order");
      previous = nr;
      assertEquals(Optional.of(name), t.name(nr));
      assertTrue(name.matches("[a-z0-9_]+"), name);
    }
    assertThrows(UnsupportedOperationException.class, () -> t.names().remove("read"));
  }

  @Test
  void malformedTablesAreRejectedWithTheLine() {
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> parse("read\t0\nread\t1\n"));
    assertTrue(twice.getMessage().contains("line 2 'read\t1': syscall 'read' is listed twice"), twice.getMessage());
    IllegalStateException order = assertThrows(IllegalStateException.class, () -> parse("write\t1\nread\t0\n"));
    assertTrue(order.getMessage().contains("ascending"), order.getMessage());
    IllegalStateException text = assertThrows(IllegalStateException.class, () -> parse("read\tzero\n"));
    assertTrue(text.getMessage().contains("not a decimal integer"), text.getMessage());
    assertTrue(text.getMessage().contains("gen-syscall-tables.sh"), "names the remedy");
    assertThrows(IllegalStateException.class, () -> parse("read 0\n"));
    assertThrows(IllegalStateException.class, () -> parse("# only a comment\n"));
  }

  @Test
  void commentsAndBlankLinesAreIgnored() throws IOException {
    SyscallTable t = parse("# header\n\nread\t0\nwrite\t1\n");
    assertEquals(2, t.size());
    assertEquals(OptionalInt.of(1), t.number("write"));
  }

  private static SyscallTable parse(String text) throws IOException {
    return SyscallTable.parse(Arch.X86_64, "test.tsv", new BufferedReader(new StringReader(text)));
  }
}
