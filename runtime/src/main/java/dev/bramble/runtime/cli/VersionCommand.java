package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/** {@code bramble version}: the same lines as {@code bramble --version}. */
final class VersionCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("version",
          "print the version of bramble, the OCI runtime-spec and the Java runtime")
      .build();

  private final CommandContext context;

  VersionCommand(CommandContext context, Arguments args) {
    this.context = context;
  }

  @Override
  public Integer call() {
    VersionInfo.lines().forEach(context.out()::println);
    return 0;
  }
}
