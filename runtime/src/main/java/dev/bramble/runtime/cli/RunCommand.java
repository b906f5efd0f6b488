package dev.bramble.runtime.cli;

import dev.bramble.runtime.container.ContainerCreator;
import dev.bramble.runtime.container.CreateRequest;
import java.util.concurrent.Callable;

/** {@code bramble run}: create, start and wait; the container's exit status becomes bramble's. */
final class RunCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("run",
          "create and start a container, and wait for it (unless --detach)")
      .options(CreateOptions.OPTIONS)
      .option(OptionSpec.flag("-d, --detach", "start the container and return at once"))
      .option(OptionSpec.flag("--keep", "accepted for runc compatibility; the stopped container is removed"))
      .option(OptionSpec.flag("--no-subreaper", "accepted for runc compatibility (bramble is no subreaper)"))
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final CreateOptions options;
  final boolean detach;
  final String id;

  RunCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.options = new CreateOptions(args);
    this.detach = args.flag("detach");
    this.id = args.param("ID");
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
