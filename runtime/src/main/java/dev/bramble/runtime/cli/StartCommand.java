package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bramble start}: run the entrypoint of a created container. */
@Command(name = "start", description = "run the user process of a created container")
final class StartCommand implements Callable<Integer> {
  private final CommandContext context;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  StartCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Lifecycle.ops(context).start(id);
    return 0;
  }
}
