package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bramble state}: the OCI state of a container as JSON on stdout. */
@Command(name = "state", description = "print the state of a container as JSON")
final class StateCommand implements Callable<Integer> {
  private final CommandContext context;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  StateCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println(SpecWriter.toJson(Lifecycle.ops(context).state(id)));
    context.out().flush();
    return 0;
  }
}
