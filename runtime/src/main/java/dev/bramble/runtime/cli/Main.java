package dev.bramble.runtime.cli;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.error.Remedies;
import dev.bramble.runtime.log.Logger;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code bramble} binary: builds the command tree, parses runc's command line, runs the verb,
 * and turns any failure into the final {@code error} log line plus exit status 1 (or the failure's own status).
 */
public final class Main {
  /**
   * Every verb of the bramble binary, in the order {@code bramble --help} lists them. To add a verb, write an
   * {@code XxxCommand} (a picocli {@code @Command} taking a {@link CommandContext}) and add one line here.
   */
  static final List<Function<CommandContext, Object>> VERBS = List.of(
      CreateCommand::new,
      StartCommand::new,
      RunCommand::new,
      ExecCommand::new,
      StateCommand::new,
      KillCommand::new,
      DeleteCommand::new,
      ListCommand::new,
      PsCommand::new,
      PauseCommand::new,
      ResumeCommand::new,
      UpdateCommand::new,
      EventsCommand::new,
      SpecCommand::new,
      FeaturesCommand::new,
      VersionCommand::new,
      CheckCommand::new,
      context -> new CommandLine.HelpCommand());

  private Main() {}

  public static void main(String[] args) {
    dev.bramble.runtime.log.Timeline.stamp(); // starts the --debug timeline
    CommandContext context = new CommandContext(System.out, System.err, InstantSource.system());
    registerServices(context.services());
    int status = execute(context, args);
    System.out.flush();
    System.exit(status);
  }

  /**
   * The production factories of the shared services, built lazily on first use. Add one line per service, e.g.
   * {@code services.register(LinuxKernel.class, context -> new JnaLinuxKernel());}.
   */
  static void registerServices(Services services) {
    services.register(LinuxKernel.class, context -> new JnaLinuxKernel(Arch.host().syscalls()));
  }

  /** Parses {@code args}, runs the verb, reports any failure; returns the process exit status. */
  public static int execute(CommandContext context, String... args) {
    return commandLine(context, VERBS, args).execute(args);
  }

  /** The configured command tree of {@link #VERBS}; tests parse with it without running anything. */
  static CommandLine commandLine(CommandContext context) {
    return commandLine(context, VERBS);
  }

  static CommandLine commandLine(CommandContext context, List<Function<CommandContext, Object>> verbs) {
    return commandLine(context, verbs, new String[0]);
  }

  /**
   * The tree for {@code args}: only the verb they name when {@link VerbScan} can tell (each verb costs picocli
   * reflection at every start), otherwise every verb.
   */
  static CommandLine commandLine(CommandContext context, List<Function<CommandContext, Object>> verbs, String[] args) {
    CommandLine root = new CommandLine(new BrambleCommand(context));
    List<Object> commands = new ArrayList<>(verbs.size());
    for (Function<CommandContext, Object> verb : verbs) {
      commands.add(verb.apply(context));
    }
    Object named = null;
    String candidate = VerbScan.candidate(args).orElse(null);
    for (Object command : commands) {
      if (candidate != null && VerbScan.answersTo(command, candidate)) {
        named = command;
      }
    }
    for (Object command : named == null ? commands : List.of(named)) {
      root.addSubcommand(command);
    }
    // Go's flag package (runc) lets a repeated flag win; "@file" arguments are data (container ids), not includes.
    root.setOverwrittenOptionsAllowed(true);
    root.setExpandAtFiles(false);
    // "--root state" names a directory called state, even though "state" is also a verb (Go's flag package)
    root.setAllowSubcommandsAsOptionParameters(true);
    // like urfave/cli (runc): options end at the first positional, so "exec ID sh -c 'x'" and "ps ID -ef" pass
    // their own options through to the command
    root.setStopAtPositional(true);
    root.setOut(new PrintWriter(context.out(), true));
    root.setErr(new PrintWriter(context.err(), true));
    root.setExecutionStrategy(parsed -> run(context, parsed));
    root.setParameterExceptionHandler((failure, unused) -> usageError(context, failure));
    return root;
  }

  private static int run(CommandContext context, ParseResult parsed) {
    Integer helpStatus = CommandLine.executeHelpRequest(parsed);
    if (helpStatus != null) {
      return helpStatus;
    }
    try {
      // open --log now, as runc does: the file exists afterwards and an unwritable one fails before any work
      Logger logger = context.logger();
      context.globals().validate(logger);
      return new CommandLine.RunLast().execute(parsed);
    } catch (ParameterException usage) {
      throw usage; // a verb found its arguments wrong: reported by usageError like a parse error
    } catch (ExecutionException wrapped) {
      return fail(context, wrapped.getCause() == null ? wrapped : wrapped.getCause());
    } catch (RuntimeException | LinkageError failure) {
      return fail(context, failure);
    }
  }

  /** A command line picocli could not parse, e.g. an unknown option: a short message and where to find help. */
  private static int usageError(CommandContext context, ParameterException failure) {
    CommandLine where = failure.getCommandLine();
    String command = where.getCommandSpec().qualifiedName();
    String problem = failure.getMessage();
    if (failure instanceof UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
        && where.getParent() == null && !unmatched.getUnmatched().isEmpty()) {
      // the first word after the globals is not a verb (yet): say so instead of "Unmatched argument at index 4"
      problem = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
    }
    String message = command + ": " + problem + "; run '" + command + " --help' for usage";
    report(context.loggerForFailure(), context, message);
    return BrambleException.EXIT_FAILURE;
  }

  /** Logs the failure as the last error line (containerd reports its msg) and picks the exit status. */
  static int fail(CommandContext context, Throwable failure) {
    Logger logger = context.loggerForFailure();
    logger.debugStackTrace(failure);
    if (failure instanceof BrambleException known) {
      report(logger, context, known.getMessage());
      return known.exitCode();
    }
    String what = failure.getMessage() == null || failure.getMessage().isBlank()
        ? failure.getClass().getName()
        : failure.getMessage();
    String hint = logger.isDebugEnabled() ? Remedies.REPORT_BUG : "rerun with --debug for the stack trace";
    report(logger, context, "unexpected error: " + what + "; " + hint);
    return BrambleException.EXIT_FAILURE;
  }

  private static void report(Logger logger, CommandContext context, String message) {
    logger.error(message);
    if (!logger.writesToStderr()) {
      context.err().println(message); // runc prints the error on stderr too when logging to a file
    }
  }
}
