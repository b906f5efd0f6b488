package dev.bramble.shim.task;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;

/**
 * A process with a terminal (ctr run -t, process.terminal): the sentry hands over the pty master, and this relays
 * it as the runc shim does — the client's stdin FIFO into the master, the master into the stdout FIFO (stderr is
 * unused with a terminal) — and applies ResizePty to it.
 */
final class ConsoleRelay implements AutoCloseable {
  private static final long DRAIN_MS = 2000;
  private final LinuxKernel kernel;
  private final int master;
  private final StdinPump input;
  private final Thread output;

  ConsoleRelay(LinuxKernel kernel, int master, String processName, String stdin, String stdout) {
    this.kernel = kernel;
    this.master = master;
    this.input = stdin.isEmpty() ? null
        : new StdinPump(kernel, Stdio.fifoPath(stdin, "stdin"), master, processName, false);
    int out = stdout.isEmpty() ? -1 : kernel.open(Stdio.fifoPath(stdout, "stdout"), OpenFlags.O_RDWR, 0);
    this.output = new Thread(() -> copyOut(out), "console-" + processName);
    this.output.setDaemon(true);
    if (input != null) {
      input.start();
    }
    output.start();
  }

  /** Until the last holder of the terminal's other side is gone (EIO), then the client sees EOF. */
  private void copyOut(int out) {
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = kernel.read(master, buffer, 0, buffer.length)) > 0) {
        if (out >= 0) {
          kernel.write(out, buffer, 0, n);
        }
      }
    } catch (SyscallException e) {
      // EIO: the container's side of the terminal is closed
    } finally {
      if (out >= 0) {
        try {
          kernel.close(out);
        } catch (SyscallException e) {
          // already closed
        }
      }
    }
  }

  void resize(int columns, int rows) {
    kernel.setWindowSize(master, rows, columns);
  }

  /** After the process is gone: lets the output drain, then releases the master. */
  @Override
  public void close() {
    if (input != null) {
      input.finish();
    }
    try {
      output.join(DRAIN_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      kernel.close(master);
    } catch (SyscallException e) {
      // already closed
    }
  }
}
