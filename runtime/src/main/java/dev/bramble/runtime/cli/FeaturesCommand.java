package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bramble features}: the OCI features document (runtime-spec features.md) on stdout. */
@Command(name = "features", description = "print the features bramble supports, as OCI features JSON")
final class FeaturesCommand implements Callable<Integer> {
  private final CommandContext context;

  FeaturesCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println(SpecWriter.toJson(SupportedFeatures.features(VersionInfo.brambleVersion())));
    context.out().flush();
    return 0;
  }
}
