package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bramble delete}: remove a stopped (or, with --force, any) container and everything it holds. */
@Command(name = "delete", description = "delete a container and everything it holds")
final class DeleteCommand implements Callable<Integer> {
  private final CommandContext context;

  @Option(names = {"-f", "--force"}, description = "kill the container first if it is still running")
  boolean force;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  DeleteCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Lifecycle.ops(context).delete(id, force);
    return 0;
  }
}
