package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble resume ID}: thaw a paused container. */
final class ResumeCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("resume", "resume all processes of a paused container")
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String id;

  ResumeCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.id = args.param("ID");
  }

  @Override
  public Integer call() {
    Lifecycle.cgroups(context).resume(id);
    return 0;
  }
}
