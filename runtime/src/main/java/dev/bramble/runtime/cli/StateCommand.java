package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import java.util.concurrent.Callable;

/** {@code bramble state}: the OCI state of a container as JSON on stdout. */
final class StateCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("state", "print the state of a container as JSON")
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String id;

  StateCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    context.out().println(SpecWriter.toJson(Lifecycle.ops(context).state(id)));
    context.out().flush();
    return 0;
  }
}
