package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bramble resume ID}: thaw a paused container. */
@Command(name = "resume", description = "resume all processes of a paused container")
final class ResumeCommand implements Callable<Integer> {
  private final CommandContext context;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  ResumeCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Lifecycle.cgroups(context).resume(id);
    return 0;
  }
}
