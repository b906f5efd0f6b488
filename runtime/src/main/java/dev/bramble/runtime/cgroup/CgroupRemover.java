package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SyscallException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes a container's cgroup directories (and any the container made below them), deepest first: rmdir(2) on a
 * cgroup succeeds once no process is left in it. Exiting processes leave their cgroup a moment after the exit is
 * reported, so an EBUSY is retried; a process still there after that (which bramble would not have started) is
 * killed, since everything in the container's cgroup belongs to the container.
 */
final class CgroupRemover {
  private static final long PATIENCE_MS = 3_000;

  private final LinuxKernel kernel;

  CgroupRemover(LinuxKernel kernel) {
    this.kernel = kernel;
  }

  void remove(List<CgroupDir> dirs) {
    List<String> failures = new ArrayList<>();
    for (int i = dirs.size() - 1; i >= 0; i--) {
      try {
        removeTree(dirs.get(i).path());
      } catch (IOException e) {
        failures.add(dirs.get(i).dir() + ": " + IoReasons.describe(e));
      }
    }
    if (!failures.isEmpty()) {
      throw new BrambleException("remove the container's cgroups: " + String.join("; ", failures)
          + "; a process may still be in them (cat cgroup.procs), remove them by hand with rmdir");
    }
  }

  private void removeTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.filter(Files::isDirectory).toList();
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path child : children) {
      removeTree(child);
    }
    long deadline = System.currentTimeMillis() + PATIENCE_MS;
    boolean killed = false;
    while (true) {
      try {
        Files.delete(dir); // rmdir(2): cgroupfs ignores the interface files
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (FileSystemException e) {
        if (System.currentTimeMillis() > deadline) {
          if (killed) {
            throw e;
          }
          killRemaining(dir);
          killed = true;
          deadline = System.currentTimeMillis() + PATIENCE_MS;
        }
        sleep();
      }
    }
  }

  private void killRemaining(Path dir) {
    for (String line : CgroupFiles.read(dir, "cgroup.procs").orElse("").split("\n")) {
      CgroupFiles.parseLong(line).ifPresent(pid -> {
        try {
          kernel.kill(pid.intValue(), Signals.SIGKILL);
        } catch (SyscallException e) {
          // gone meanwhile
        }
      });
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
