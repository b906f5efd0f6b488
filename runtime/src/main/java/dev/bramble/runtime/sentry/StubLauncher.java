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

  public static int spawn(LinuxKernel kernel, StubImage image) {
    int memfd = kernel.sealedMemfd("bramble-stub", image.elf());
    try {
      return kernel.spawn(new SpawnRequest("/proc/self/fd/" + IMAGE_FD, List.of("bramble-stub"), List.of(),
          Map.of(0, 0, 1, 1, 2, 2, IMAGE_FD, memfd), false, null));
    } finally {
      kernel.close(memfd);
    }
  }
}
