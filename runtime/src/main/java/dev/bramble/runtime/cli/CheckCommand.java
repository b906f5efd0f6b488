package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecException;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.BundleFacts;
import dev.bramble.runtime.gate.BundleFactsReader;
import dev.bramble.runtime.gate.CheckReport;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.gate.GateReport;
import dev.bramble.runtime.gate.Gates;
import dev.bramble.runtime.host.AddressSpaceProbe;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFactsReader;
import dev.bramble.runtime.linux.LinuxKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code bramble check}: the host facts and every gate's verdict, for the host alone or for a bundle, before
 * anything is created. Exits 1 when a gate fails (the sandbox cannot run here, or the bundle would be refused).
 */
final class CheckCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("check",
          "check whether this host can run the bramble sandbox, and whether create would accept a bundle")
      .description("Prints the measured host facts with their sources, then every gate's verdict with the reason "
          + "and the fix (with --bundle, the bundle's gates too). Exits 1 when a gate fails.")
      .option(OptionSpec.value("-b, --bundle", "DIR", "also judge the OCI bundle in DIR"))
      .option(OptionSpec.value("--format", "text|json",
          "output format: text (one screen) or json (for automation); default text"))
      .option(OptionSpec.flag("--node-labels", "print only Kubernetes node labels (bramble.dev/arch, page-size, "
          + "va-bits, memory-cgroup, sandbox) for a RuntimeClass scheduling.nodeSelector"))
      .option(OptionSpec.commaList(GateDowngrades.FLAG, "ID",
          "report these failing gates as warnings (as create would with the same flag)"))
      .build();

  /** Output formats of {@code --format}. */
  enum Format { text, json }

  private final CommandContext context;
  private final Path hostRoot;
  private final Supplier<Optional<AddressSpaceProbe>> probe;
  final Path bundle;
  final Format format;
  final boolean nodeLabels;
  final List<String> gateWarn;

  CheckCommand(CommandContext context, Arguments args) {
    this(context, args, Path.of("/"), () -> productionProbe(context));
  }

  /** For tests: facts from a fixture root and a fake probe. */
  CheckCommand(CommandContext context, Arguments args, Path hostRoot, Supplier<Optional<AddressSpaceProbe>> probe) {
    this.context = context;
    this.hostRoot = hostRoot;
    this.probe = probe;
    this.bundle = args.path("bundle").orElse(null);
    this.format = format(args.value("format", "text"));
    this.nodeLabels = args.flag("node-labels");
    this.gateWarn = args.values("gate-warn");
  }

  private static Format format(String value) {
    for (Format f : Format.values()) {
      if (f.name().equals(value)) {
        return f;
      }
    }
    throw new UsageException("invalid value \"" + value + "\" for flag -format: expected text or json");
  }

  @Override
  public Integer call() {
    HostFacts host = new HostFactsReader(hostRoot, probe.get()).read();
    GateDowngrades downgrades = GateDowngrades.fromFlag(gateWarn);
    GateReport hostReport = Gates.evaluateHost(host);
    Optional<BundleFacts> bundleFacts = Optional.ofNullable(bundle).map(CheckCommand::readBundle);
    GateReport report = bundleFacts.isPresent() || !downgrades.origins().isEmpty()
        ? Gates.evaluate(host, bundleFacts, downgrades) : hostReport;
    CheckReport check = new CheckReport(host, report, hostReport, Optional.ofNullable(bundle).map(Path::toString));
    if (nodeLabels) {
      context.out().print(format == Format.json ? check.nodeLabelsJson() : check.nodeLabelsText());
    } else {
      context.out().print(format == Format.json ? check.json() : check.text());
    }
    context.out().flush();
    return report.failed() ? BrambleException.EXIT_FAILURE : 0;
  }

  private static BundleFacts readBundle(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw BrambleException.of("check bundle", dir, "not a directory", "pass an OCI bundle directory to --bundle");
    }
    try {
      return BundleFactsReader.read(dir);
    } catch (SpecException e) {
      throw BrambleException.of("check bundle", dir, e.getMessage(), "fix config.json", e);
    }
  }

  /** The mmap probe through the native seam. */
  static Optional<AddressSpaceProbe> productionProbe(CommandContext context) {
    if (Arch.fromJvm(System.getProperty("os.arch", "")).isEmpty()) {
      return Optional.empty(); // the host-arch gate reports the unsupported architecture
    }
    LinuxKernel kernel = context.service(LinuxKernel.class);
    return Optional.of(kernel::mapFixedErrno);
  }
}
