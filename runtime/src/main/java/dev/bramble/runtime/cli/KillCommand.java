package dev.bramble.runtime.cli;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.Signals;
import java.util.concurrent.Callable;

/** {@code bramble kill ID [SIGNAL]}: signal the container's init (or, with --all, every process of it). */
final class KillCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("kill", "send a signal (default TERM) to the container's init")
      .optionsOnlyBeforeArguments()
      .option(OptionSpec.flag("-a, --all", "send the signal to every process of the container"))
      .required("ID", "the container id")
      .optional("SIGNAL", "a signal name (TERM, SIGKILL, RTMIN+1) or number; default TERM")
      .build();

  private final CommandContext context;
  final boolean all;
  final String id;
  final String signal;

  KillCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.all = args.flag("all");
    this.id = args.param("ID");
    this.signal = args.optionalParam("SIGNAL").orElse("TERM");
  }

  @Override
  public Integer call() {
    int number;
    try {
      number = Signals.parse(signal);
    } catch (IllegalArgumentException e) {
      throw new BrambleException(e.getMessage());
    }
    Lifecycle.ops(context).kill(id, number, all);
    return 0;
  }
}
