package dev.bramble.runtime.host;

import dev.bramble.runtime.arch.Arch;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gathers {@link HostFacts} from a root directory ({@code /} in production, a fixture tree in tests) and the
 * address-space probe. Reading is cheap (a few dozen small /proc and /sys files) and changes nothing on the host.
 */
public final class HostFactsReader {
  private final HostFiles files;
  private final Optional<AddressSpaceProbe> probe;

  /**
   * @param root the host's root directory
   * @param probe the mmap probe; empty when this build has none, then the address space is reported unmeasured
   */
  public HostFactsReader(Path root, Optional<AddressSpaceProbe> probe) {
    this.files = new HostFiles(root);
    this.probe = probe;
  }

  public HostFacts read() {
    Sourced<String> machine = machine();
    Sourced<String> release = files.firstLine("/proc/sys/kernel/osrelease")
        .map(r -> Sourced.of(r, "/proc/sys/kernel/osrelease"))
        .orElse(Sourced.of("unknown", "/proc/sys/kernel/osrelease (not readable)"));
    Optional<Sourced<Long>> pageSize = Auxv.pageSize(files);
    AddressSpaceProber.Result space = measure(pageSize);
    return new HostFacts(
        machine,
        release,
        pageSize,
        space.space(),
        space.detail(),
        KernelConfig.read(files, release.value()),
        KernelCommandLine.read(files),
        SeccompFacts.read(files),
        YamaFacts.read(files),
        Capabilities.read(files),
        NamespaceFacts.read(files),
        CgroupFacts.read(files),
        OverlayFacts.read(files, release.value()),
        LibseccompFacts.read(files, machine.value()),
        boardModel(),
        cpuLa57(machine.value()));
  }

  private AddressSpaceProber.Result measure(Optional<Sourced<Long>> pageSize) {
    if (probe.isEmpty()) {
      return new AddressSpaceProber.Result(Optional.empty(), "no address-space probe in this build");
    }
    if (pageSize.isEmpty()) {
      return new AddressSpaceProber.Result(Optional.empty(), "not probed: the page size is unknown");
    }
    return AddressSpaceProber.measure(probe.get(), pageSize.get().value());
  }

  /** {@code uname -m} from procfs (Linux 6.1+ has kernel.arch); on the live host the JVM knows it too. */
  private Sourced<String> machine() {
    String path = "/proc/sys/kernel/arch";
    Optional<String> fromProc = files.firstLine(path).filter(s -> !s.isEmpty());
    if (fromProc.isPresent()) {
      return Sourced.of(fromProc.get(), path);
    }
    if (files.isLiveRoot()) {
      String osArch = System.getProperty("os.arch", "");
      return Sourced.of(Arch.fromJvm(osArch).map(Arch::unameName).orElse(osArch), "JVM os.arch (" + path
          + " absent)");
    }
    return Sourced.of("unknown", path + " absent");
  }

  private Optional<Sourced<String>> boardModel() {
    for (String path : new String[] {"/proc/device-tree/model", "/sys/firmware/devicetree/base/model"}) {
      Optional<String> model = files.read(path).map(s -> s.replace("\0", "").trim()).filter(s -> !s.isEmpty());
      if (model.isPresent()) {
        return Optional.of(Sourced.of(model.get(), path));
      }
    }
    return Optional.empty();
  }

  private Optional<Boolean> cpuLa57(String machine) {
    if (!machine.equals("x86_64")) {
      return Optional.empty();
    }
    return files.read("/proc/cpuinfo").map(text -> text.lines()
        .filter(l -> l.startsWith("flags"))
        .findFirst()
        .map(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" la57 "))
        .orElse(false));
  }
}
