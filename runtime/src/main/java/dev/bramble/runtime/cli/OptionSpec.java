package dev.bramble.runtime.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One option of a command line: its names, what it takes, and its help line. Names are written as in the help
 * ({@code "-b, --bundle"}) and stored without dashes: like Go's flag package, the parser accepts every name with
 * one dash or two.
 *
 * @param names the names without dashes, in the order given; the last is the {@link #key()}
 * @param kind whether it is a boolean or takes values, and what a repeated value does
 * @param label what the help shows for its value ({@code DIR}); empty for a {@link Kind#FLAG}
 * @param help one sentence for the help listing
 * @param hidden accepted but left out of the help (obsolete options callers still pass)
 */
record OptionSpec(List<String> names, Kind kind, String label, String help, boolean hidden) {
  /** How an option takes its value. */
  enum Kind {
    /** A boolean: present means true; it takes a value only as {@code --name=BOOL} (Go's ParseBool spellings). */
    FLAG,
    /** One value, {@code --name V} or {@code --name=V}; given again, the last wins (Go's flag package). */
    VALUE,
    /** One value per occurrence, every one kept ({@code --env A=1 --env B=2}). */
    LIST,
    /** Like {@link #LIST}, and each value is also split on commas ({@code --gate-warn va-bits,page-size}). */
    COMMA_LIST
  }

  OptionSpec {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("an option needs a name");
    }
  }

  static OptionSpec flag(String names, String help) {
    return new OptionSpec(parseNames(names), Kind.FLAG, "", help, false);
  }

  static OptionSpec value(String names, String label, String help) {
    return new OptionSpec(parseNames(names), Kind.VALUE, label, help, false);
  }

  static OptionSpec list(String names, String label, String help) {
    return new OptionSpec(parseNames(names), Kind.LIST, label, help, false);
  }

  static OptionSpec commaList(String names, String label, String help) {
    return new OptionSpec(parseNames(names), Kind.COMMA_LIST, label, help, false);
  }

  /** This option, accepted but not listed in the help. */
  OptionSpec hide() {
    return new OptionSpec(names, kind, label, help, true);
  }

  /** The name values are stored under: the last (long) one, e.g. {@code bundle} for {@code -b, --bundle}. */
  String key() {
    return names.get(names.size() - 1);
  }

  boolean takesValue() {
    return kind != Kind.FLAG;
  }

  /** {@code -b, --bundle DIR} as the help shows it (one-letter names with one dash, longer ones with two). */
  String display() {
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      b.append(b.length() == 0 ? "" : ", ").append(name.length() == 1 ? "-" : "--").append(name);
    }
    return takesValue() ? b.append(' ').append(label).toString() : b.toString();
  }

  /** {@code "-b, --bundle"} to {@code [b, bundle]}; a name without its dash is a typo in the model. */
  private static List<String> parseNames(String spelled) {
    List<String> names = new ArrayList<>();
    for (String part : spelled.split(",")) {
      String name = part.trim();
      if (!name.matches("--?[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("option name '" + name + "' in \"" + spelled + "\": write -x or --name");
      }
      names.add(name.substring(name.startsWith("--") ? 2 : 1));
    }
    return names;
  }
}
