package dev.bramble.runtime.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The help screens, rendered from the {@link CommandSpec}s: {@code bramble --help} (the globals and the verbs with
 * their summaries) and {@code bramble VERB --help} (its parameters and options). Hidden options are left out.
 * Lines are wrapped at 80 columns.
 */
final class HelpText {
  private static final int WIDTH = 80;
  private static final int MAX_LEFT = 30;

  private HelpText() {}

  /** {@code bramble --help}: usage, description, global options, then every verb with its summary. */
  static String root(CommandSpec globals, List<CommandSpec> verbs) {
    StringBuilder out = new StringBuilder();
    out.append("Usage: ").append(globals.name()).append(" [OPTIONS] COMMAND [ARGS...]\n");
    out.append(globals.summary()).append('\n');
    paragraphs(out, globals.description());
    out.append("\nOptions:\n");
    table(out, optionRows(globals));
    out.append("Commands:\n");
    List<String[]> rows = new ArrayList<>();
    for (CommandSpec verb : verbs) {
      List<String> names = new ArrayList<>(List.of(verb.name()));
      names.addAll(verb.aliases());
      rows.add(new String[] {String.join(", ", names), verb.summary()});
    }
    table(out, rows);
    out.append("\nRun '").append(globals.name()).append(" help COMMAND' for the options of a command.\n");
    return out.toString();
  }

  /** {@code bramble VERB --help}: usage, summary, description, parameters, options. */
  static String verb(String program, CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    out.append("Usage: ").append(program).append(' ').append(spec.name()).append(" [OPTIONS]");
    if (!spec.params().isEmpty()) {
      out.append(' ').append(spec.paramSynopsis());
    }
    out.append('\n');
    wrap(out, spec.summary(), 0);
    if (!spec.aliases().isEmpty()) {
      out.append("Aliases: ").append(String.join(", ", spec.aliases())).append('\n');
    }
    paragraphs(out, spec.description());
    out.append('\n');
    if (!spec.params().isEmpty()) {
      out.append("Arguments:\n");
      List<String[]> rows = new ArrayList<>();
      spec.params().forEach(p -> rows.add(new String[] {p.label(), p.help()}));
      table(out, rows);
    }
    out.append("Options:\n");
    table(out, optionRows(spec));
    return out.toString();
  }

  private static List<String[]> optionRows(CommandSpec spec) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (!option.hidden()) {
        // long-only options line up with the long names of "-x, --xyz"
        String left = option.names().get(0).length() == 1 ? option.display() : "    " + option.display();
        rows.add(new String[] {left, option.help()});
      }
    }
    return rows;
  }

  private static void paragraphs(StringBuilder out, List<String> paragraphs) {
    for (String paragraph : paragraphs) {
      out.append('\n');
      wrap(out, paragraph, 0);
    }
  }

  /** Two columns: names (indented by 2) and their help, wrapped and aligned. */
  private static void table(StringBuilder out, List<String[]> rows) {
    int left = 0;
    for (String[] row : rows) {
      left = Math.max(left, Math.min(MAX_LEFT, row[0].length()));
    }
    int column = 2 + left + 3;
    for (String[] row : rows) {
      out.append("  ").append(row[0]);
      if (row[0].length() > left) {
        out.append('\n').append(" ".repeat(column)); // too long: the help starts on the next line
      } else {
        out.append(" ".repeat(column - 2 - row[0].length()));
      }
      wrap(out, row[1], column);
    }
  }

  /** Appends {@code text} wrapped at {@link #WIDTH}, continuation lines indented by {@code indent}. */
  private static void wrap(StringBuilder out, String text, int indent) {
    int room = Math.max(20, WIDTH - indent);
    int used = 0;
    for (String word : text.split(" ")) {
      if (used > 0 && used + 1 + word.length() > room) {
        out.append('\n').append(" ".repeat(indent));
        used = 0;
      } else if (used > 0) {
        out.append(' ');
        used++;
      }
      out.append(word);
      used += word.length();
    }
    out.append('\n');
  }
}
