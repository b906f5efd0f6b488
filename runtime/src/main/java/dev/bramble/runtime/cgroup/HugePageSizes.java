package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.host.CgroupFacts;
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

  /** "hugepages-2048kB" → "2MB" (see {@link CgroupFacts#hugepageName}). */
  public static String fromSysfsName(String name) {
    return CgroupFacts.hugepageName(name);
  }
}
