package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble create}: gates, then a fully set-up container whose init waits for {@code start}. */
final class CreateCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("create", "create a container (it waits for 'bramble start')")
      .options(CreateOptions.OPTIONS)
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final CreateOptions options;
  final String id;

  CreateCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.options = new CreateOptions(args);
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    int pid = Lifecycle.creator(context).create(options.request(id));
    context.logger().debug("created container " + id + " with init pid " + pid);
    return 0;
  }
}
