package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import java.util.concurrent.Callable;

/** {@code bramble features}: the OCI features document (runtime-spec features.md) on stdout. */
final class FeaturesCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("features",
          "print the features bramble supports, as OCI features JSON")
      .build();

  private final CommandContext context;

  FeaturesCommand(CommandContext context, Arguments args) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println(SpecWriter.toJson(SupportedFeatures.features(VersionInfo.brambleVersion())));
    context.out().flush();
    return 0;
  }
}
