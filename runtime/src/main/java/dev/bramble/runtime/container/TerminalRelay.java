package dev.bramble.runtime.container;

import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;

/**
 * A foreground {@code bramble run} of a terminal container without --console-socket (runc does the same): our
 * terminal goes raw, our stdin is copied to the pty master and the master to our stdout until the container ends.
 */
final class TerminalRelay implements AutoCloseable {
  private final LinuxKernel kernel;
  private final int master;
  private final byte[] savedTerminal;

  TerminalRelay(LinuxKernel kernel, int master) {
    this.kernel = kernel;
    this.master = master;
    this.savedTerminal = kernel.isTerminal(0) ? kernel.makeRaw(0) : null;
    start("terminal-in", 0, master);
    start("terminal-out", master, 1);
  }

  private void start(String name, int from, int to) {
    Thread t = new Thread(() -> copy(from, to), name);
    t.setDaemon(true);
    t.start();
  }

  private void copy(int from, int to) {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = kernel.read(from, buffer, 0, buffer.length)) > 0) {
        kernel.write(to, buffer, 0, n);
      }
    } catch (SyscallException e) {
      // EIO on the master once the container's side closes: the relay is done
    }
  }

  @Override
  public void close() {
    if (savedTerminal != null) {
      kernel.restoreTerminal(0, savedTerminal);
    }
  }
}
