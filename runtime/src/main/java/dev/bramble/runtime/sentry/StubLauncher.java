package dev.bramble.runtime.sentry;

import dev.bramble.runtime.arch.StubImage;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SpawnRequest;
import java.util.List;
import java.util.Map;

/**
 * Starts the stub from a sealed memfd with posix_spawn (never java.lang.Process: the JDK's reaper would steal its
 * ptrace stops). The child gets our stdio — which becomes the container's stdio, as with runc — plus the memfd as
 * fd 3, which the sentry closes first thing.
 */
public final class StubLauncher {

  private StubLauncher() {}

  /** Our own stdin, stdout and stderr: what `bramble create` and `run` hand to the container, as runc does. */
  public static final Map<Integer, Integer> INHERITED_STDIO = Map.of(0, 0, 1, 1, 2, 2);

  public static int spawn(LinuxKernel kernel, StubImage image) {
    return spawn(kernel, image, INHERITED_STDIO, 0);
  }

  public static int spawn(LinuxKernel kernel, StubImage image, Map<Integer, Integer> stdio) {
    return spawn(kernel, image, stdio, 0);
  }

  /**
   * @param stdio child fd → our fd for the container process's stdio (0, 1, 2; e.g. containerd's FIFOs opened by
   *     the shim)
   * @param preservedFds our fds 3..3+n-1 passed on unchanged (--preserve-fds, LISTEN_FDS); the image comes right
   *     after them, and the sentry closes everything from there up
   */
  public static int spawn(LinuxKernel kernel, StubImage image, Map<Integer, Integer> stdio, int preservedFds) {
    int imageFd = 3 + preservedFds;
    if (stdio.keySet().stream().anyMatch(fd -> fd > 2)) {
      throw new IllegalArgumentException("stdio maps only fds 0, 1 and 2: " + stdio.keySet());
    }
    int memfd = kernel.sealedMemfd("bramble-stub", image.elf());
    try {
      Map<Integer, Integer> fds = new java.util.HashMap<>(stdio);
      for (int fd = 3; fd < imageFd; fd++) {
        fds.put(fd, fd);
      }
      fds.put(imageFd, memfd);
      return kernel.spawn(new SpawnRequest("/proc/self/fd/" + imageFd, List.of("bramble-stub"), List.of(), fds,
          false, null));
    } finally {
      kernel.close(memfd);
    }
  }
}
