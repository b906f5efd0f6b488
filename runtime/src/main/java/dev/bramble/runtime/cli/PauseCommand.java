package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bramble pause ID}: freeze every process of a running container (its cgroup freezer); state says paused. */
@Command(name = "pause", description = "suspend all processes of a running container")
final class PauseCommand implements Callable<Integer> {
  private final CommandContext context;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  PauseCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Lifecycle.cgroups(context).pause(id);
    return 0;
  }
}
