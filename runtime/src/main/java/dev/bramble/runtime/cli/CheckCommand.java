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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bramble check}: the host facts and every gate's verdict, for the host alone or for a bundle, before
 * anything is created. Exits 1 when a gate fails (the sandbox cannot run here, or the bundle would be refused).
 */
@Command(name = "check",
    description = {
        "Check whether this host can run the bramble sandbox (and, with --bundle, whether create would accept that "
            + "bundle): prints the measured host facts with their sources, then every gate's verdict with the "
            + "reason and the fix. Exits 1 when a gate fails."})
final class CheckCommand implements Callable<Integer> {
  /** Output formats of {@code --format}. */
  enum Format { text, json }

  private final CommandContext context;
  private final Path hostRoot;
  private final Supplier<Optional<AddressSpaceProbe>> probe;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  private boolean help;

  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR", description = "also judge the OCI bundle in DIR")
  private Path bundle;

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "output format: text (one screen) or json (for automation); default ${DEFAULT-VALUE}")
  private Format format;

  @Option(names = "--node-labels",
      description = "print only Kubernetes node labels (bramble.dev/arch, page-size, va-bits, memory-cgroup, sandbox)"
          + " for a RuntimeClass scheduling.nodeSelector")
  private boolean nodeLabels;

  @Option(names = GateDowngrades.FLAG, paramLabel = "ID", split = ",",
      description = "report these failing gates as warnings (as create would with the same flag)")
  private List<String> gateWarn = new ArrayList<>();

  CheckCommand(CommandContext context) {
    this(context, Path.of("/"), () -> productionProbe(context));
  }

  /** For tests: facts from a fixture root and a fake probe. */
  CheckCommand(CommandContext context, Path hostRoot, Supplier<Optional<AddressSpaceProbe>> probe) {
    this.context = context;
    this.hostRoot = hostRoot;
    this.probe = probe;
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
