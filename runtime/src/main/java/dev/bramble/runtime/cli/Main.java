package dev.bramble.runtime.cli;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.Remedies;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the {@code bramble} binary: parses runc's command line (globals, verb, the verb's options and
 * arguments; see {@link ArgParser}), runs the verb, and turns any failure into the final {@code error} log line plus
 * exit status 1 (or the failure's own status).
 */
public final class Main {
  static final String PROGRAM = "bramble";

  /**
   * Every verb of the bramble binary, in the order {@code bramble --help} lists them. To add a verb, write an
   * {@code XxxCommand} (a {@code static final CommandSpec SPEC} and a constructor taking the {@link CommandContext}
   * and its {@link Arguments}) and add one line here.
   */
  static final List<Verb> VERBS = List.of(
      new Verb(CreateCommand.SPEC, CreateCommand::new),
      new Verb(StartCommand.SPEC, StartCommand::new),
      new Verb(RunCommand.SPEC, RunCommand::new),
      new Verb(ExecCommand.SPEC, ExecCommand::new),
      new Verb(StateCommand.SPEC, StateCommand::new),
      new Verb(KillCommand.SPEC, KillCommand::new),
      new Verb(DeleteCommand.SPEC, DeleteCommand::new),
      new Verb(ListCommand.SPEC, ListCommand::new),
      new Verb(PsCommand.SPEC, PsCommand::new),
      new Verb(PauseCommand.SPEC, PauseCommand::new),
      new Verb(ResumeCommand.SPEC, ResumeCommand::new),
      new Verb(UpdateCommand.SPEC, UpdateCommand::new),
      new Verb(EventsCommand.SPEC, EventsCommand::new),
      new Verb(SpecCommand.SPEC, SpecCommand::new),
      new Verb(FeaturesCommand.SPEC, FeaturesCommand::new),
      new Verb(VersionCommand.SPEC, VersionCommand::new),
      new Verb(CheckCommand.SPEC, CheckCommand::new));

  /** {@code bramble help [COMMAND]}: Main's own verb, since it shows the others. */
  static final CommandSpec HELP = CommandSpec.builder(CommandSpec.HELP, "show the help of bramble or of one command")
      .optional("COMMAND", "the command whose options to show")
      .build();

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
    return execute(context, VERBS, args);
  }

  /** {@link #execute(CommandContext, String...)} over another verb list (tests add failing or faked verbs). */
  static int execute(CommandContext context, List<Verb> verbs, String... args) {
    String command = PROGRAM;
    try {
      Arguments globals = parseGlobals(context, List.of(args));
      if (globals.helpRequested()) {
        return printHelp(context, verbs, null);
      }
      if (globals.flag("version")) {
        VersionInfo.lines().forEach(context.out()::println);
        return 0;
      }
      List<String> rest = globals.positionals();
      if (rest.isEmpty()) {
        prepare(context);
        return printHelp(context, verbs, null); // no verb: the help on stdout and success, as runc does
      }
      String word = rest.get(0);
      List<String> verbArgs = rest.subList(1, rest.size());
      if (HELP.answersTo(word)) {
        command = PROGRAM + " " + HELP.name();
        Arguments help = ArgParser.parse(HELP, verbArgs);
        String topic = help.helpRequested() ? HELP.name() : help.optionalParam("COMMAND").orElse(null);
        return printHelp(context, verbs, topic);
      }
      Verb verb = find(verbs, word);
      command = PROGRAM + " " + verb.spec().name();
      Arguments parsed = ArgParser.parse(verb.spec(), verbArgs);
      if (parsed.helpRequested()) {
        context.out().print(HelpText.verb(PROGRAM, verb.spec()));
        return 0;
      }
      Callable<Integer> action = verb.factory().create(context, parsed);
      prepare(context);
      return action.call();
    } catch (UsageException usage) {
      return usageError(context, command, usage.getMessage());
    } catch (Exception | LinkageError failure) {
      return fail(context, failure);
    }
  }

  /**
   * Parses the globals into {@code context.globals()}; returns them with the verb and its arguments as positionals.
   * On a usage error the options parsed before it still apply (Go's flag package sets each as it goes), so the
   * error is logged where and how they say.
   */
  private static Arguments parseGlobals(CommandContext context, List<String> args) {
    Arguments globals = new Arguments(GlobalOptions.SPEC);
    try {
      ArgParser.parseInto(globals, args);
    } catch (UsageException usage) {
      try {
        context.globals().apply(globals);
      } catch (UsageException alsoBad) {
        // reported below is the first problem; apply kept every value that was usable
      }
      throw usage;
    }
    context.globals().apply(globals);
    return globals;
  }

  /** Opens --log now, as runc does (the file exists afterwards; an unwritable one fails before any work). */
  private static void prepare(CommandContext context) {
    Logger logger = context.logger();
    context.globals().validate(logger);
  }

  private static Verb find(List<Verb> verbs, String word) {
    for (Verb verb : verbs) {
      if (verb.spec().answersTo(word)) {
        return verb;
      }
    }
    throw new UsageException("unknown command '" + word + "'");
  }

  /** The root help, or the help of {@code verbName} ({@code help} itself included). */
  private static int printHelp(CommandContext context, List<Verb> verbs, String verbName) {
    if (verbName == null) {
      List<CommandSpec> specs = new ArrayList<>();
      verbs.forEach(v -> specs.add(v.spec()));
      specs.add(HELP);
      context.out().print(HelpText.root(GlobalOptions.SPEC, specs));
    } else if (HELP.answersTo(verbName)) {
      context.out().print(HelpText.verb(PROGRAM, HELP));
    } else {
      context.out().print(HelpText.verb(PROGRAM, find(verbs, verbName).spec()));
    }
    context.out().flush();
    return 0;
  }

  /** A command line that cannot be run as written: a short message and where to find help. */
  private static int usageError(CommandContext context, String command, String problem) {
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
