package dev.bramble.runtime.elf;

import java.nio.file.Path;

/**
 * A file found inside a container's rootfs.
 *
 * @param containerPath the path as the container will see it, symlinks resolved (e.g. {@code /bin/busybox})
 * @param hostPath the same file on the host, always under the rootfs directory
 */
public record RootfsPath(String containerPath, Path hostPath) {
  @Override
  public String toString() {
    return containerPath;
  }
}
