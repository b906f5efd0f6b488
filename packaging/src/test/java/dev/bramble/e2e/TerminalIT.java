package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.ReceivedFds;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.testbundles.BusyboxBundle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process.terminal with --console-socket: the pty master arrives over the socket as containerd's runc shim and
 * conmon expect, the container sees a tty of the configured size, and runc behaves the same on the same bundle.
 */
class TerminalIT {
  private final LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
  @TempDir Path tmp;

  /** create with a console socket, receive the master, start, read everything the container writes. */
  private String throughConsoleSocket(BiFunction<Path, String[], Cli.Result> runtime, Path root, Path bundle,
      String id) {
    Path socketPath = tmp.resolve(id + ".sock");
    int listener = kernel.listenUnix(socketPath.toString(), 4);
    try {
      Cli.Result create = runtime.apply(root, new String[] {"create", "--console-socket", socketPath.toString(),
          "--bundle", bundle.toString(), id});
      assertEquals(0, create.exit(), create.all());
      int connection = kernel.accept(listener);
      ReceivedFds received = kernel.receiveFds(connection, 1);
      kernel.close(connection);
      assertEquals(1, received.fds().length, "one fd: the pty master");
      int master = received.fds()[0];
      Cli.Result start = runtime.apply(root, new String[] {"start", id});
      assertEquals(0, start.exit(), start.all());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = kernel.read(master, buf, 0, buf.length)) > 0) {
          out.write(buf, 0, n);
        }
      } catch (SyscallException eio) {
        // EIO: the container's side of the pty is gone
      }
      kernel.close(master);
      for (int i = 0; i < 100 && !runtime.apply(root, new String[] {"state", id}).out().contains("stopped"); i++) {
        sleep();
      }
      assertEquals(0, runtime.apply(root, new String[] {"delete", id}).exit());
      return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    } finally {
      kernel.close(listener);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path terminalBundle() throws Exception {
    return BusyboxBundle.create(tmp.resolve("bundle")).args("sh", "-c", "tty; stty size; echo done")
        .addEnv("BRAMBLE_IT=" + UUID.randomUUID()).terminal(true)
        .editConfig(c -> c.with("process").with("consoleSize").put("height", 33).put("width", 111)).build();
  }

  @Test
  void thePtyMasterArrivesOverTheConsoleSocketAndTheContainerHasATerminal() throws Exception {
    String out = throughConsoleSocket((root, args) -> Cli.bramble(root, args), tmp.resolve("state"),
        terminalBundle(), "tty");
    assertEquals("/dev/pts/0\n33 111\ndone\n", out);
  }

  @Test
  void runcSeesTheSameTerminal() throws Exception {
    assumeTrue(Cli.installed("runc"), "runc not installed");
    Path bundle = terminalBundle();
    String ours = throughConsoleSocket((root, args) -> Cli.bramble(root, args), tmp.resolve("state"), bundle, "b");
    String theirs = throughConsoleSocket((root, args) -> Cli.runc(root, args), tmp.resolve("runc"), bundle, "r");
    assertEquals(theirs, ours);
  }

  @Test
  void execWithATerminalHandsItsMasterToTheConsoleSocket() throws Exception {
    Path bundle = BusyboxBundle.create(tmp.resolve("exec-bundle")).args("sleep", "300")
        .addEnv("BRAMBLE_IT=" + UUID.randomUUID()).build();
    Path root = tmp.resolve("state");
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "ex").exit());
    assertEquals(0, Cli.bramble(root, "start", "ex").exit());
    Path socketPath = tmp.resolve("exec.sock");
    int listener = kernel.listenUnix(socketPath.toString(), 4);
    try {
      Cli.Result exec = Cli.bramble(root, "exec", "--tty", "--detach", "--console-socket", socketPath.toString(),
          "ex", "sh", "-c", "tty; echo exec-done");
      assertEquals(0, exec.exit(), exec.all());
      int connection = kernel.accept(listener);
      int master = kernel.receiveFds(connection, 1).fds()[0];
      kernel.close(connection);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = kernel.read(master, buf, 0, buf.length)) > 0) {
          out.write(buf, 0, n);
        }
      } catch (SyscallException eio) {
        // the exec'd process closed its side
      }
      kernel.close(master);
      String text = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
      assertTrue(text.matches("/dev/pts/\\d+\nexec-done\n"), text);
    } finally {
      kernel.close(listener);
      Cli.bramble(root, "delete", "--force", "ex");
    }
  }

  @Test
  void aDetachedTerminalContainerWithoutASocketIsRefusedClearly() throws Exception {
    Cli.Result r = Cli.bramble(tmp.resolve("state"), "create", "--bundle", terminalBundle().toString(), "nosock");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--console-socket"), r.err());
  }
}
