package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bramble ps ID [ps-options]}: the container's processes (host pids), like runc ps. */
final class PsCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("ps", "list the processes of a container")
      .optionsOnlyBeforeArguments()
      .option(OptionSpec.value("-f, --format", "table|json", "table (ps output, default) or json (the pids)"))
      .required("ID", "the container id")
      .rest("PS_OPTION", "options for ps(1) (default -ef)")
      .build();

  private final CommandContext context;
  final String format;
  final String id;
  final List<String> psOptions;

  PsCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.format = args.value("format", "table");
    this.id = args.param("ID");
    this.psOptions = args.rest("PS_OPTION");
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<Integer> pids = Lifecycle.ops(context).pids(id);
    if (format.equals("json")) {
      context.out().println(SpecWriter.toJson(pids));
      return 0;
    }
    if (!format.equals("table")) {
      throw new BrambleException("invalid --format \"" + format + "\": use table or json");
    }
    List<String> cmd = new ArrayList<>(List.of("ps"));
    cmd.addAll(psOptions.isEmpty() ? List.of("-ef") : psOptions);
    Process ps = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String[] lines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    ps.waitFor();
    int pidColumn = List.of(lines[0].trim().split("\\s+")).indexOf("PID");
    if (pidColumn < 0) {
      throw new BrambleException("ps output has no PID column; pass ps options that print it");
    }
    Set<String> wanted = new HashSet<>();
    pids.forEach(p -> wanted.add(p.toString()));
    context.out().println(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String[] cols = lines[i].trim().split("\\s+");
      if (cols.length > pidColumn && wanted.contains(cols[pidColumn])) {
        context.out().println(lines[i]);
      }
    }
    return 0;
  }
}
