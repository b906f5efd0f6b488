package dev.bramble.runtime.host;

import java.util.List;
import java.util.Optional;

/**
 * overlayfs, which containerd's default snapshotter needs to prepare the rootfs bramble is handed.
 *
 * @param registered {@code overlay} is listed in /proc/filesystems (built in or module loaded)
 * @param module a module file for it under /lib/modules/&lt;release&gt;, when not yet loaded
 */
public record OverlayFacts(boolean registered, Optional<String> module, String source) {
  public static OverlayFacts read(HostFiles files, String release) {
    boolean registered =
        files.read("/proc/filesystems").map(s -> s.lines().anyMatch(OverlayFacts::namesOverlay)).orElse(false);
    Optional<String> module = Optional.empty();
    String dir = "/lib/modules/" + release + "/kernel/fs/overlayfs";
    for (String suffix : List.of("", ".xz", ".zst", ".gz")) {
      String candidate = dir + "/overlay.ko" + suffix;
      if (files.exists(candidate)) {
        module = Optional.of(candidate);
        break;
      }
    }
    return new OverlayFacts(registered, module, "/proc/filesystems" + module.map(m -> ", " + m).orElse(""));
  }

  /** A /proc/filesystems line is "[nodev]\t&lt;name&gt;". */
  private static boolean namesOverlay(String line) {
    String[] fields = line.trim().split("\\s+");
    return fields[fields.length - 1].equals("overlay");
  }
}
