package dev.bramble.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native seam against the real kernel, for what needs no privilege (runs in every `mvn test`). */
class JnaLinuxKernelTest {
  private final LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());

  @Test
  void passesFileDescriptorsOverAUnixSocket(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "passed along");
    int fd = kernel.open(file.toString(), 0, 0);
    int[] pair = kernel.socketPair();
    try {
      kernel.sendFds(pair[0], "tty".getBytes(StandardCharsets.UTF_8), new int[] {fd});
      ReceivedFds got = kernel.receiveFds(pair[1], 4);
      assertEquals("tty", new String(got.payload(), StandardCharsets.UTF_8));
      assertEquals(1, got.fds().length);
      assertTrue(got.fds()[0] != fd, "a new descriptor for the same open file");
      assertEquals(file.toRealPath().toString(),
          Files.readSymbolicLink(Path.of("/proc/self/fd/" + got.fds()[0])).toString());
      kernel.close(got.fds()[0]);
    } finally {
      kernel.close(fd);
      kernel.close(pair[0]);
      kernel.close(pair[1]);
    }
  }

  @Test
  void failuresNameTheSyscallTheErrnoAndTheSubject() {
    SyscallException e = assertThrows(SyscallException.class, () -> kernel.open("/nonexistent/bramble", 0, 0));
    assertEquals("open /nonexistent/bramble: ENOENT (no such file or directory)", e.getMessage());
    SyscallException kill = assertThrows(SyscallException.class, () -> kernel.kill(Integer.MAX_VALUE - 1, 0));
    assertEquals(Errno.ESRCH, kill.errno());
    SyscallException connect = assertThrows(SyscallException.class,
        () -> kernel.connectUnix("/nonexistent/bramble.sock"));
    assertTrue(connect.getMessage().startsWith("connect /nonexistent/bramble.sock: ENOENT"), connect.getMessage());
  }

  @Test
  void aSealedMemfdCannotBeChanged() throws IOException {
    int fd = kernel.sealedMemfd("bramble-test", new byte[] {1, 2, 3});
    try {
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(Path.of("/proc/self/fd/" + fd)));
      assertThrows(IOException.class, () -> Files.write(Path.of("/proc/self/fd/" + fd), new byte[] {9}));
    } finally {
      kernel.close(fd);
    }
  }

  @Test
  void onlyTheSeamTouchesJna() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      List<String> offenders = sources.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("JnaLinuxKernel.java"))
          .filter(p -> {
            try {
              return Files.readString(p).contains("com.sun.jna");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .map(Path::toString).toList();
      assertEquals(List.of(), offenders);
    }
  }
}
