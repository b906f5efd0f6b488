package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bramble create}: gates, then a fully set-up container whose init waits for {@code start}. */
@Command(name = "create", description = "create a container (it waits for 'bramble start')")
final class CreateCommand implements Callable<Integer> {
  private final CommandContext context;

  @Mixin
  CreateOptions options = new CreateOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  CreateCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    int pid = Lifecycle.creator(context).create(options.request(id));
    context.logger().debug("created container " + id + " with init pid " + pid);
    return 0;
  }
}
