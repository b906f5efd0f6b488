package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.host.KernelVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kernel features the sentry cannot work without, as data: each with the release that added it and the
 * architectures it applies to. (seccomp RET_TRACE and actions_avail are checked directly by the seccomp gate.)
 */
final class KernelVersionGate implements Gate {
  private static final String TITLE = "kernel version";

  /** A kernel feature the sandbox uses. */
  record Feature(String name, KernelVersion since, Set<Arch> arches, String usedFor) {}

  static final List<Feature> REQUIRED = List.of(
      new Feature("PTRACE_SYSEMU on arm64", KernelVersion.of(5, 3), EnumSet.of(Arch.AARCH64),
          "emulate a syscall without the kernel running it"),
      new Feature("PTRACE_GET_SYSCALL_INFO", KernelVersion.of(5, 3), EnumSet.allOf(Arch.class),
          "tell syscall entry from exit (arm64 clobbers x7 at syscall stops)"),
      new Feature("pidfd_open", KernelVersion.of(5, 3), EnumSet.allOf(Arch.class),
          "hold container processes by a handle that survives pid reuse"),
      new Feature("close_range", KernelVersion.of(5, 9), EnumSet.allOf(Arch.class),
          "close every descriptor the JVM would leak into the container"));

  @Override
  public String id() {
    return GateIds.KERNEL_VERSION;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    var release = input.host().kernelRelease();
    Optional<KernelVersion> version = input.host().kernelVersion();
    if (version.isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, "unrecognised kernel release '" + release.value() + "'",
          release.source(), "the sentry needs features added up to Linux " + newest(), 
          GateRemedies.kernelUnparsable()));
    }
    Arch arch = input.host().arch().orElse(Arch.X86_64);
    List<Feature> missing = REQUIRED.stream()
        .filter(f -> f.arches().contains(arch) && !version.get().atLeast(f.since()))
        .toList();
    String measured = "Linux " + version.get() + " (" + release.value() + ")";
    if (missing.isEmpty()) {
      return Optional.of(Verdict.pass(id(), TITLE, measured, release.source(),
          "has every kernel feature the sentry uses (Linux " + newest() + "+)"));
    }
    KernelVersion needed = missing.stream().map(Feature::since).max(KernelVersion::compareTo).orElseThrow();
    StringBuilder why = new StringBuilder("the sentry needs ");
    for (int i = 0; i < missing.size(); i++) {
      Feature f = missing.get(i);
      why.append(i == 0 ? "" : ", ").append(f.name()).append(" (Linux ").append(f.since()).append(") to ")
          .append(f.usedFor());
    }
    return Optional.of(Verdict.fail(id(), TITLE, measured, release.source(), why.toString(),
        GateRemedies.kernelUpgrade(input.host(), needed)));
  }

  private static KernelVersion newest() {
    return REQUIRED.stream().map(Feature::since).max(KernelVersion::compareTo).orElseThrow();
  }
}
