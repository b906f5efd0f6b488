package dev.bramble.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The huge page sizes the kernel offers, named as the hugetlb controller names them ("2MB", "1GB", "64KB"). */
public final class HugePageSizes {
  private static final Path SYSFS = Path.of("/sys/kernel/mm/hugepages");

  private HugePageSizes() {}

  public static List<String> host() {
    try (Stream<Path> dirs = Files.list(SYSFS)) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hugepages-"))
          .map(HugePageSizes::fromSysfsName).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** "hugepages-2048kB" → "2MB", "hugepages-1048576kB" → "1GB", "hugepages-64kB" → "64KB" (the kernel's units). */
  public static String fromSysfsName(String name) {
    long kb = Long.parseLong(name.substring("hugepages-".length(), name.length() - "kB".length()));
    if (kb >= 1024 * 1024 && kb % (1024 * 1024) == 0) {
      return kb / (1024 * 1024) + "GB";
    }
    if (kb >= 1024 && kb % 1024 == 0) {
      return kb / 1024 + "MB";
    }
    return kb + "KB";
  }
}
