package dev.bramble.shim.task;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;

/**
 * Copies the client's stdin FIFO into the pipe a container process reads (or into its terminal's master). The FIFO
 * is opened for reading on this thread, which blocks until the client opens its writer; EOF from the client (or
 * CloseIO) closes the pipe, so the process sees EOF. A terminal master is never closed here: that would hang up the
 * terminal under the process.
 */
final class StdinPump {
  private final LinuxKernel kernel;
  private final String fifo;
  private final int pipeWriter;
  private final boolean closeTarget;
  private final Thread thread;
  private boolean pipeClosed;
  private volatile boolean finishing;

  /** @param closeTarget close {@code pipeWriter} at the end (a pipe), or leave it open (a terminal master) */
  StdinPump(LinuxKernel kernel, String fifo, int pipeWriter, String processName, boolean closeTarget) {
    this.kernel = kernel;
    this.fifo = fifo;
    this.pipeWriter = pipeWriter;
    this.closeTarget = closeTarget;
    this.thread = new Thread(this::run, "stdin-" + processName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    int in = -1;
    try {
      in = kernel.open(fifo, OpenFlags.O_RDONLY, 0);
      byte[] buffer = new byte[32 * 1024];
      while (!finishing) {
        int n = kernel.read(in, buffer, 0, buffer.length);
        if (n <= 0) {
          break;
        }
        synchronized (this) {
          if (pipeClosed) {
            break;
          }
          kernel.write(pipeWriter, buffer, 0, n);
        }
      }
    } catch (SyscallException e) {
      // the FIFO vanished, or the process closed its stdin (EPIPE): nothing more to copy
    } finally {
      if (in >= 0) {
        try {
          kernel.close(in);
        } catch (SyscallException e) {
          // already closed
        }
      }
      closePipe();
    }
  }

  /**
   * Ends the copy: the process sees EOF now. A pump still waiting for the client's writer is woken by a writer of
   * our own, opened and closed at once.
   */
  void finish() {
    finishing = true;
    closePipe();
    if (thread.isAlive()) {
      try {
        kernel.close(kernel.open(fifo, OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK, 0));
      } catch (SyscallException e) {
        // no reader waiting (ENXIO) or the FIFO is gone: nothing to wake
      }
    }
  }

  private synchronized void closePipe() {
    if (!pipeClosed) {
      pipeClosed = true;
      if (!closeTarget) {
        return;
      }
      try {
        kernel.close(pipeWriter);
      } catch (SyscallException e) {
        // already closed
      }
    }
  }
}
