package dev.bramble.shim.task;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.shim.ttrpc.RpcException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stdio of one container process, from the paths containerd's client sent (FIFOs it created; {@code file://}
 * URIs; empty for none).
 *
 * <p>stdout and stderr FIFOs are opened O_RDWR and handed to the process as they are: the open cannot block
 * waiting for the client's reader, and because the process then holds a reader too it never gets EPIPE when the
 * client goes away (what the runc shim's kept reader achieves). stdin goes through a pipe fed by a pump thread
 * that opens the FIFO for reading — which waits for the client's writer — so the process sees data once the client
 * connects and EOF when the client closes, never a premature EOF before it connected.
 */
final class Stdio implements AutoCloseable {
  private final LinuxKernel kernel;
  private final Map<Integer, Integer> childFds = new HashMap<>();
  private final List<Integer> handedOver = new ArrayList<>();
  private StdinPump pump;

  private Stdio(LinuxKernel kernel) {
    this.kernel = kernel;
  }

  /** @throws RpcException for a stdio form the shim does not support, or a FIFO that cannot be opened */
  static Stdio open(LinuxKernel kernel, String processName, String stdin, String stdout, String stderr) {
    Stdio s = new Stdio(kernel);
    try {
      s.openStdin(processName, stdin);
      int out = s.openOutput(stdout);
      s.childFds.put(1, out);
      s.childFds.put(2, !stderr.isEmpty() && stderr.equals(stdout) ? out : s.openOutput(stderr));
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Child fd → our fd, for posix_spawn of the process's stub. */
  Map<Integer, Integer> childFds() {
    return Map.copyOf(childFds);
  }

  /** Once the process holds its copies, ours are closed (or the client would never see EOF). */
  void releaseChildCopies() {
    for (int fd : handedOver) {
      closeQuietly(fd);
    }
    handedOver.clear();
  }

  /** CloseIO {stdin}: the process sees EOF on stdin. */
  void closeStdin() {
    if (pump != null) {
      pump.finish();
    }
  }

  private void openStdin(String processName, String path) {
    if (path.isEmpty()) {
      childFds.put(0, devNull());
      return;
    }
    String fifo = fifoPath(path, "stdin");
    int[] pipe = kernel.pipe();
    handedOver.add(pipe[0]);
    childFds.put(0, pipe[0]);
    pump = new StdinPump(kernel, fifo, pipe[1], processName, true);
    pump.start();
  }

  private int openOutput(String path) {
    if (path.isEmpty()) {
      return devNull();
    }
    int fd;
    if (path.startsWith("file://")) {
      fd = open(path.substring("file://".length()), OpenFlags.O_WRONLY | OpenFlags.O_APPEND | OpenFlags.O_CREAT,
          0640);
    } else {
      fd = open(fifoPath(path, "stdout/stderr"), OpenFlags.O_RDWR, 0);
    }
    handedOver.add(fd);
    return fd;
  }

  private int devNull() {
    int fd = open("/dev/null", OpenFlags.O_RDWR, 0);
    handedOver.add(fd);
    return fd;
  }

  private int open(String path, int flags, int mode) {
    try {
      return kernel.open(path, flags, mode);
    } catch (SyscallException e) {
      throw new RpcException(e.errno() == Errno.ENOENT ? dev.bramble.shim.ttrpc.Code.NOT_FOUND
          : dev.bramble.shim.ttrpc.Code.UNKNOWN, "open stdio " + path + ": " + e.getMessage());
    }
  }

  static String fifoPath(String path, String stream) {
    if (path.startsWith("fifo://")) {
      return path.substring("fifo://".length());
    }
    if (path.contains("://")) {
      throw RpcException.unimplemented(stream + " " + path + ": the bramble shim supports FIFOs and file:// "
          + "only, not " + path.substring(0, path.indexOf("://") + 3) + " loggers; use the default FIFO io "
          + "or a file:// log URI");
    }
    return path;
  }

  private void closeQuietly(int fd) {
    try {
      kernel.close(fd);
    } catch (SyscallException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    releaseChildCopies();
    if (pump != null) {
      pump.finish();
    }
  }
}
