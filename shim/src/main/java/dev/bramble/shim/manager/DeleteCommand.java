package dev.bramble.shim.manager;

import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.proto.Timestamp;
import dev.bramble.shim.task.InitRecord;
import dev.bramble.shim.task.RootfsCleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code containerd-shim-bramble-v1 delete}: cleanup of one container without the daemon. containerd runs it after
 * every task teardown (also for grouped containers whose shim keeps running) and after a shim crash, within 5 s.
 * So it touches only container {@code -id} in {@code -bundle}: kills that container's init if it still runs
 * (identified by pid and start time, never a recycled pid), unmounts its rootfs, and removes the group's socket
 * only when no shim answers on it any more. It never stops a shared daemon. Idempotent.
 */
public final class DeleteCommand {
  private final LinuxKernel kernel;
  private final Path bundle;

  public DeleteCommand(LinuxKernel kernel, Path bundle) {
    this.kernel = kernel;
    this.bundle = bundle;
  }

  /** @return the serialized DeleteResponse containerd reads from stdout */
  public byte[] run() {
    int pid = 0;
    InitRecord init = InitRecord.read(bundle).orElse(null);
    if (init != null) {
      pid = init.pid();
      if (init.alive()) {
        try {
          kernel.kill(init.pid(), Signals.SIGKILL);
        } catch (SyscallException e) {
          if (e.errno() != Errno.ESRCH) {
            throw e;
          }
        }
      }
    }
    new RootfsCleanup(kernel).unmountAll(bundle.resolve("rootfs"));
    StartCommand.readAddress(bundle).filter(a -> a.startsWith("unix://")).map(a -> Path.of(a.substring(7)))
        .ifPresent(DeleteCommand::removeIfDead);
    try {
      Files.deleteIfExists(bundle.resolve(InitRecord.FILE));
    } catch (IOException e) {
      // containerd removes the bundle next anyway
    }
    return new TaskResponses.Delete(pid, 128 + Signals.SIGKILL, Timestamp.of(Instant.now())).encode();
  }

  /** A shim that crashed leaves its socket behind; a live one (other containers of the group) keeps it. */
  private static void removeIfDead(Path socket) {
    if (Files.exists(socket) && !StartCommand.canConnect(socket)) {
      try {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(Path.of(socket + ".grpc"));
        Files.deleteIfExists(Path.of(socket + ".ready")); // a crashed namespace shim's (see ReadyFile)
      } catch (IOException e) {
        // best effort
      }
    }
  }
}
