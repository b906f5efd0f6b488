package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs each stub without a tracer: natively for the host arch, under qemu-user ({@code qemu-<arch>-static}, Debian
 * qemu-user-static) for the other (skipped if absent). ProcessBuilder is fine here because nothing is ptraced. The
 * stub must stop itself with SIGSTOP, and when continued by anyone but a tracer it must exit(1), not spin.
 */
class StubImageRunTest {

  @ParameterizedTest
  @EnumSource(Arch.class)
  void stopsItselfAndExitsWhenContinuedWithoutATracer(Arch arch, @TempDir Path dir) throws Exception {
    Path stub = arch.stub().writeExecutable(dir.resolve("stub-" + arch.unameName()));
    assertTrue(Files.isExecutable(stub));
    List<String> command = new ArrayList<>();
    if (arch != Arch.host()) {
      Optional<Path> qemu = HostTools.find("qemu-" + arch.unameName() + "-static");
      assumeTrue(qemu.isPresent(), "qemu-" + arch.unameName() + "-static not installed (qemu-user-static)");
      command.add(qemu.get().toString());
    }
    command.add(stub.toString());
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertEquals('T', awaitState(p.pid(), 'T'), arch + " stub did not stop itself");
      signal(p.pid(), "CONT");
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "continued stub did not exit");
      assertEquals(1, p.exitValue(), "a stub continued without a tracer falls through into exit_group(1)");
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The state letter of /proc/pid/stat once it is {@code wanted}, or the last one seen after 10 s. */
  private static char awaitState(long pid, char wanted) throws IOException, InterruptedException {
    char state = '?';
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      state = stat.charAt(stat.lastIndexOf(')') + 2);
      if (state == wanted) {
        break;
      }
      Thread.sleep(20);
    }
    return state;
  }

  private static void signal(long pid, String name) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
  }
}
