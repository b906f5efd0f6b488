package dev.bramble.runtime.cli;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.Signals;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bramble kill ID [SIGNAL]}: signal the container's init (or, with --all, every process of it). */
@Command(name = "kill", description = "send a signal (default TERM) to the container's init")
final class KillCommand implements Callable<Integer> {
  private final CommandContext context;

  @Option(names = {"-a", "--all"}, description = "send the signal to every process of the container")
  boolean all;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  @Parameters(index = "1", paramLabel = "SIGNAL", defaultValue = "TERM",
      description = "a signal name (TERM, SIGKILL, RTMIN+1) or number; default TERM")
  String signal;

  KillCommand(CommandContext context) {
    this.context = context;
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
