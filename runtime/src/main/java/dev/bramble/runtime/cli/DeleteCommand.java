package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble delete}: remove a stopped (or, with --force, any) container and everything it holds. */
final class DeleteCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("delete", "delete a container and everything it holds")
      .option(OptionSpec.flag("-f, --force", "kill the container first if it is still running"))
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final boolean force;
  final String id;

  DeleteCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.force = args.flag("force");
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    Lifecycle.ops(context).delete(id, force);
    return 0;
  }
}
