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
  private static final int IMAGE_FD = 3;

  private StubLauncher() {}

  /** Our own stdin, stdout and stderr: what `bramble create` and `run` hand to the container, as runc does. */
  public static final Map<Integer, Integer> INHERITED_STDIO = Map.of(0, 0, 1, 1, 2, 2);

  public static int spawn(LinuxKernel kernel, StubImage image) {
    return spawn(kernel, image, INHERITED_STDIO);
  }

  /**
   * @param stdio child fd → our fd for the container process's stdio (0, 1, 2; e.g. containerd's FIFOs opened by
   *     the shim); fd 3 is reserved for the image
   */
  public static int spawn(LinuxKernel kernel, StubImage image, Map<Integer, Integer> stdio) {
    if (stdio.containsKey(IMAGE_FD)) {
      throw new IllegalArgumentException("fd " + IMAGE_FD + " is reserved for the stub image");
    }
    int memfd = kernel.sealedMemfd("bramble-stub", image.elf());
    try {
      Map<Integer, Integer> fds = new java.util.HashMap<>(stdio);
      fds.put(IMAGE_FD, memfd);
      return kernel.spawn(new SpawnRequest("/proc/self/fd/" + IMAGE_FD, List.of("bramble-stub"), List.of(), fds,
          false, null));
    } finally {
      kernel.close(memfd);
    }
  }
}
