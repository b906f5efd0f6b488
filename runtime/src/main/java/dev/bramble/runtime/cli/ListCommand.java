package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.state.State;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bramble list}: the containers under --root, as runc's table or JSON. */
final class ListCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("list", "list containers")
      .alias("ls")
      .option(OptionSpec.value("-f, --format", "table|json", "output format: table (default) or json"))
      .option(OptionSpec.flag("-q, --quiet", "print only the container ids"))
      .build();

  private final CommandContext context;
  final String format;
  final boolean quiet;

  ListCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.format = args.value("format", "table");
    this.quiet = args.flag("quiet");
  }

  @Override
  public Integer call() {
    List<State> states = Lifecycle.ops(context).list();
    if (quiet) {
      states.forEach(s -> context.out().println(s.id()));
    } else if (format.equals("json")) {
      context.out().println(SpecWriter.toJson(states));
    } else if (format.equals("table")) {
      context.out().println(table(states));
    } else {
      throw new dev.bramble.runtime.error.BrambleException("invalid --format \"" + format + "\": use table or json");
    }
    context.out().flush();
    return 0;
  }

  static String table(List<State> states) {
    StringBuilder b = new StringBuilder();
    String fmt = "%-12s %-10s %-10s %-40s %-30s %s%n";
    b.append(String.format(fmt, "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"));
    for (State s : states) {
      b.append(String.format(fmt, s.id(), s.pid(), s.status().jsonName(), s.bundle(),
          text(s, "created"), text(s, "owner").isEmpty() ? "root" : text(s, "owner")));
    }
    return b.toString().stripTrailing();
  }

  private static String text(State s, String key) {
    return s.extensions().containsKey(key) ? s.extensions().get(key).asText() : "";
  }
}
