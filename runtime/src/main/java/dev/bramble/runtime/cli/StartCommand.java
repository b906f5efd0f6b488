package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble start}: run the entrypoint of a created container. */
final class StartCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("start", "run the user process of a created container")
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String id;

  StartCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    Lifecycle.ops(context).start(id);
    return 0;
  }
}
