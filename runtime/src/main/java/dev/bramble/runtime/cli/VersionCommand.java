package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bramble version}: the same lines as {@code bramble --version}. */
@Command(name = "version", description = "print the version of bramble, the OCI runtime-spec and the Java runtime")
final class VersionCommand implements Callable<Integer> {
  private final CommandContext context;

  VersionCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    for (String line : new VersionInfo().getVersion()) {
      context.out().println(line);
    }
    return 0;
  }
}
