package dev.bramble.runtime.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.runtime.linux.WaitStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopKindTest {
  @Test
  void everyReportKindDecodes() {
    assertEquals(StopKind.EXITED, StopKind.of(new WaitStatus(1, 0x300)));
    assertEquals(StopKind.KILLED, StopKind.of(new WaitStatus(1, 0x9)));
    assertEquals(StopKind.SYSCALL, StopKind.of(new WaitStatus(1, 0x857f)));
    assertEquals(StopKind.SECCOMP, StopKind.of(new WaitStatus(1, 0x7057f)));
    assertEquals(StopKind.EXEC, StopKind.of(new WaitStatus(1, 0x4057f)));
    assertEquals(StopKind.NEW_CHILD, StopKind.of(new WaitStatus(1, 0x1057f)));
    assertEquals(StopKind.NEW_CHILD, StopKind.of(new WaitStatus(1, 0x2057f)));
    assertEquals(StopKind.NEW_CHILD, StopKind.of(new WaitStatus(1, 0x3057f)));
    assertEquals(StopKind.GROUP_STOP, StopKind.of(new WaitStatus(1, 0x80137f)));
    assertEquals(StopKind.GROUP_STOP, StopKind.of(new WaitStatus(1, 0x80147f)));
    assertEquals(StopKind.TRAP_STOP, StopKind.of(new WaitStatus(1, 0x80057f)));
    assertEquals(StopKind.SIGNAL_DELIVERY, StopKind.of(new WaitStatus(1, 0x0f7f)));
  }

  /**
   * Status words captured from a real run of {@code sh -c 'trap "" USR1; kill -USR1 $$; /bin/true; exit 3'} under the sentry
   * (x86_64, Linux 6.18; see the fixture's header for how). The expected kinds follow from what that script does,
   * in the order ptrace(2) documents: a fork event, the child's first stop, its exec event, its exit, ...
   */
  @Test
  void capturedSequenceFromARealContainerDecodesAsTheScriptImplies() throws IOException {
    List<String> kinds = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("captured-status-words-x86_64.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        kinds.add(StopKind.of(new WaitStatus(1, (int) Long.parseLong(f[0].substring(2), 16))).name());
        expected.add(f[1]);
      }
    }
    assertEquals(expected, kinds);
  }
}
