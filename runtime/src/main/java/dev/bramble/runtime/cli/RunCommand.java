package dev.bramble.runtime.cli;

import dev.bramble.runtime.container.ContainerCreator;
import dev.bramble.runtime.container.CreateRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bramble run}: create, start and wait; the container's exit status becomes bramble's. */
@Command(name = "run", description = "create and start a container, and wait for it (unless --detach)")
final class RunCommand implements Callable<Integer> {
  private final CommandContext context;

  @Mixin
  CreateOptions options = new CreateOptions();

  @Option(names = {"-d", "--detach"}, description = "start the container and return at once")
  boolean detach;

  @Option(names = "--keep", description = "accepted for runc compatibility; the stopped container is removed")
  boolean keep;

  @Option(names = "--no-subreaper", description = "accepted for runc compatibility (bramble is no subreaper)")
  boolean noSubreaper;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  RunCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CreateRequest request = options.request(id);
    ContainerCreator creator = Lifecycle.creator(context);
    if (detach) {
      creator.create(request);
      Lifecycle.ops(context).start(id);
      return 0;
    }
    return creator.run(request, new JvmSignalForwarding());
  }
}
