package dev.bramble.runtime.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root of the command tree: runc's global flags (through {@link GlobalOptions}), {@code -h/--help} and
 * {@code -v/--version}. The verbs hang below it; {@link Main#VERBS} lists them.
 */
@Command(name = "bramble",
    synopsisSubcommandLabel = "COMMAND",
    versionProvider = VersionInfo.class,
    header = "bramble - a sandboxed, runc-compatible OCI container runtime",
    description = {
        "",
        "Runs OCI bundles (a directory with config.json and a root filesystem) with every container process "
            + "under a ptrace sentry that filters its system calls. Accepts runc's command line, so containerd, "
            + "podman and docker can use it in place of runc.",
        ""},
    footer = {"", "Run 'bramble help COMMAND' for the options of a command."})
final class BrambleCommand implements Runnable {
  @Mixin
  private final GlobalOptions globals;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  private boolean help;

  @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version and exit")
  private boolean version;

  @Spec
  private CommandSpec spec;

  BrambleCommand(CommandContext context) {
    this.globals = context.globals();
  }

  GlobalOptions globals() {
    return globals;
  }

  /** No verb given: show the help on stdout and succeed, as runc does. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
