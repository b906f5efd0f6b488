package dev.bramble.runtime.host;

import dev.bramble.runtime.arch.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the gates know about the host, each fact with where it came from. Gathered once per {@code create} or
 * {@code check} by {@link HostFactsReader}; read-only afterwards.
 *
 * @param machine {@code uname -m}
 * @param kernelRelease {@code uname -r}
 * @param pageSize from AT_PAGESZ; empty only when /proc/self/auxv is unreadable
 * @param addressSpace the measured user address space; empty when it could not be measured
 * @param addressSpaceDetail the probes behind the measurement, or why there is none
 * @param kernelConfig the build configuration, read only to explain measurements
 * @param commandLine /proc/cmdline, read only to explain measurements
 * @param boardModel the device-tree model ("Raspberry Pi 5 Model B Rev 1.0"), on boards that have one
 * @param cpuLa57 x86_64 only: whether the CPU can do 5-level paging (the {@code la57} cpuinfo flag)
 */
public record HostFacts(
    Sourced<String> machine,
    Sourced<String> kernelRelease,
    Optional<Sourced<Long>> pageSize,
    Optional<VirtualAddressSpace> addressSpace,
    String addressSpaceDetail,
    KernelConfig kernelConfig,
    KernelCommandLine commandLine,
    SeccompFacts seccomp,
    YamaFacts yama,
    Capabilities capabilities,
    NamespaceFacts namespaces,
    CgroupFacts cgroups,
    OverlayFacts overlay,
    LibseccompFacts libseccomp,
    Optional<Sourced<String>> boardModel,
    Optional<Boolean> cpuLa57) {

  /** The host architecture, if bramble supports it. */
  public Optional<Arch> arch() {
    return Arch.fromUname(machine.value());
  }

  public Optional<KernelVersion> kernelVersion() {
    return KernelVersion.parse(kernelRelease.value());
  }

  /**
   * The first address above user space, measured by the probe: the sentry places its private pages just below it.
   *
   * @throws IllegalStateException when the address space could not be measured (the va-bits gate fails then)
   */
  public long taskSize() {
    return addressSpace
        .map(VirtualAddressSpace::taskSize)
        .orElseThrow(() -> new IllegalStateException("user address space not measured: " + addressSpaceDetail));
  }

  public OptionalInt vaBits() {
    return addressSpace.map(s -> OptionalInt.of(s.bits())).orElse(OptionalInt.empty());
  }

  /**
   * The page size in bytes.
   *
   * @throws IllegalStateException when AT_PAGESZ could not be read (the page-size gate fails then)
   */
  public long pageSizeBytes() {
    return pageSize.map(Sourced::value).orElseThrow(() -> new IllegalStateException(
        "page size unknown: " + Auxv.PATH + " has no AT_PAGESZ"));
  }

  public boolean isRaspberryPi() {
    return boardModel.map(m -> m.value().startsWith("Raspberry Pi")).orElse(false)
        || kernelRelease.value().contains("rpt-rpi")
        || kernelRelease.value().matches(".*-v[78]l?([-_]16k)?\\+?$");
  }

  /** The facts as {@code bramble check} shows them, most important first. */
  public List<FactLine> describe() {
    List<FactLine> lines = new ArrayList<>();
    lines.add(new FactLine("arch", machine.value(), machine.source()));
    lines.add(new FactLine("kernel", kernelRelease.value(), kernelRelease.source()));
    boardModel.ifPresent(m -> lines.add(new FactLine("board", m.value(), m.source())));
    lines.add(pageSize
        .map(p -> new FactLine("page size", Long.toString(p.value()), p.source()))
        .orElse(new FactLine("page size", "unknown", Auxv.PATH + " has no AT_PAGESZ")));
    lines.add(addressSpace
        .map(s -> new FactLine("user VA", s.describe(), s.source()))
        .orElse(new FactLine("user VA", "not measured", addressSpaceDetail)));
    lines.add(new FactLine("kernel config", kernelConfigSummary(), kernelConfig.source()));
    lines.add(new FactLine("seccomp actions", seccomp.describeActions(), SeccompFacts.ACTIONS));
    lines.add(new FactLine(
        "ptrace_scope", yama.scope().isPresent() ? Integer.toString(yama.scope().getAsInt()) : "no Yama",
        yama.source()));
    lines.add(new FactLine("namespaces", String.join(" ", namespaces.available().stream().sorted().toList())
        + namespaces.maxUserNamespaces().stream().mapToObj(m -> "; max_user_namespaces " + m).findFirst().orElse("")
        + namespaces.apparmorRestrictUnprivileged().map(r -> "; apparmor_restrict_unprivileged_userns " + r)
            .orElse(""),
        namespaces.source()));
    lines.add(new FactLine(
        "cgroups", cgroups.mode().text() + ": " + String.join(" ", cgroups.names()), cgroups.source()));
    lines.add(new FactLine("kernel cmdline", String.join(" ", commandLine.parameters()), commandLine.source()));
    lines.add(new FactLine("overlayfs", overlay.registered() ? "available"
        : overlay.module().map(m -> "module not loaded").orElse("not available"), overlay.source()));
    lines.add(new FactLine("libseccomp", libseccomp.path()
        .map(p -> libseccomp.version().orElse("version unknown") + " (" + p + ")")
        .orElse("not found"), libseccomp.source()));
    lines.add(new FactLine("capabilities", "CapEff 0x" + Long.toHexString(capabilities.effective()),
        capabilities.source()));
    return lines;
  }

  private String kernelConfigSummary() {
    if (!kernelConfig.found()) {
      return "not available";
    }
    List<String> parts = new ArrayList<>();
    kernelConfig.compiledVaBits().ifPresent(v -> parts.add(v.source()));
    kernelConfig.arm64PageSize().ifPresent(p -> parts.add(p / 1024 + "K pages"));
    if (parts.stream().noneMatch(p -> p.contains("PGTABLE_LEVELS"))) {
      kernelConfig.intValue("CONFIG_PGTABLE_LEVELS").ifPresent(l -> parts.add(l + " page-table levels"));
    }
    return parts.isEmpty() ? "found" : String.join(", ", parts);
  }
}
