package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble pause ID}: freeze every process of a running container (its cgroup freezer); state says paused. */
final class PauseCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("pause", "suspend all processes of a running container")
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String id;

  PauseCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    Lifecycle.cgroups(context).pause(id);
    return 0;
  }
}
