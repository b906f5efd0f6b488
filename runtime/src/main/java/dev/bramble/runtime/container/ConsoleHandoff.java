package dev.bramble.runtime.container;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Delivers a container's pty master to runc's --console-socket: connect, send the fd (SCM_RIGHTS) with the name of
 * the terminal as the message — what containerd's runc shim and podman's conmon wait for.
 */
final class ConsoleHandoff {
  private ConsoleHandoff() {}

  static void send(LinuxKernel kernel, Path consoleSocket, int master) {
    int socket;
    try {
      socket = kernel.connectUnix(consoleSocket.toString());
    } catch (SyscallException e) {
      throw new BrambleException("console socket " + consoleSocket + ": " + e.getMessage()
          + "; pass the path of a listening unix socket to --console-socket", e);
    }
    try {
      kernel.sendFds(socket, "/dev/ptmx".getBytes(StandardCharsets.UTF_8), new int[] {master});
    } finally {
      kernel.close(socket);
      kernel.close(master);
    }
  }
}
