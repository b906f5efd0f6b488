package dev.bramble.runtime.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line parsed against a {@link CommandSpec}: the options given and the positional arguments. Commands read
 * it in their constructor. Options are read by any of their names (without dashes); asking for a name the spec does
 * not declare is a bug and throws {@link IllegalArgumentException}. A value of the wrong form (a number that is not
 * one) is a {@link UsageException} naming the option, as Go's flag package reports it.
 */
final class Arguments {
  private final CommandSpec spec;
  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private boolean helpRequested;

  Arguments(CommandSpec spec) {
    this.spec = spec;
  }

  CommandSpec spec() {
    return spec;
  }

  /** Records one occurrence of {@code option} (the parser's side). */
  void add(OptionSpec option, String value) {
    List<String> list = values.computeIfAbsent(option.key(), k -> new ArrayList<>());
    switch (option.kind()) {
      case FLAG, VALUE -> {
        list.clear(); // Go's flag package: a repeated flag overwrites the earlier value
        list.add(value);
      }
      case LIST -> list.add(value);
      case COMMA_LIST -> {
        for (String part : value.split(",")) {
          if (!part.isEmpty()) {
            list.add(part);
          }
        }
      }
    }
  }

  void addPositional(String value) {
    positionals.add(value);
  }

  void requestHelp() {
    helpRequested = true;
  }

  /** {@code -h} or {@code --help} was given: the command is not run, its help is printed. */
  boolean helpRequested() {
    return helpRequested;
  }

  /** Whether the option was given at all. */
  boolean has(String name) {
    return values.containsKey(declared(name).key());
  }

  /** A boolean option: false unless given (and not given as {@code =false}). */
  boolean flag(String name) {
    OptionSpec option = declared(name);
    requireKind(option, option.kind() == OptionSpec.Kind.FLAG);
    List<String> given = values.get(option.key());
    return given != null && given.get(0).equals("true");
  }

  /** The value of a single-value option (the last one given). */
  Optional<String> value(String name) {
    OptionSpec option = declared(name);
    requireKind(option, option.kind() == OptionSpec.Kind.VALUE);
    List<String> given = values.get(option.key());
    return given == null ? Optional.empty() : Optional.of(given.get(0));
  }

  String value(String name, String otherwise) {
    return value(name).orElse(otherwise);
  }

  /** Every value of a repeatable option, in the order given. */
  List<String> values(String name) {
    OptionSpec option = declared(name);
    requireKind(option, option.kind() == OptionSpec.Kind.LIST || option.kind() == OptionSpec.Kind.COMMA_LIST);
    return List.copyOf(values.getOrDefault(option.key(), List.of()));
  }

  Optional<Path> path(String name) {
    Optional<String> value = value(name);
    try {
      return value.map(Path::of);
    } catch (InvalidPathException e) {
      throw invalid(name, value.get(), "not a usable path (" + e.getReason() + ")");
    }
  }

  /** An integer option, in Go's syntax for numeric flags (decimal, 0x hex, 0 octal). */
  Optional<Integer> intValue(String name) {
    return value(name).map(v -> {
      long n = number(name, v);
      if (n != (int) n) {
        throw invalid(name, v, "out of range");
      }
      return (int) n;
    });
  }

  Optional<Long> longValue(String name) {
    return value(name).map(v -> number(name, v));
  }

  /** Every value of a repeatable integer option. */
  List<Long> longValues(String name) {
    List<Long> numbers = new ArrayList<>();
    values(name).forEach(v -> numbers.add(number(name, v)));
    return numbers;
  }

  /** A required parameter's value. */
  String param(String label) {
    return optionalParam(label).orElseThrow(() -> new IllegalStateException(
        spec.name() + ": parameter " + label + " missing after parsing"));
  }

  /** A required or optional parameter's value, if given. */
  Optional<String> optionalParam(String label) {
    int index = paramIndex(label, false);
    return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
  }

  /** The arguments a rest parameter took (possibly none). */
  List<String> rest(String label) {
    int index = paramIndex(label, true);
    return index < positionals.size() ? List.copyOf(positionals.subList(index, positionals.size())) : List.of();
  }

  /** Every positional argument, unassigned (for {@code bramble}'s own: the verb and its arguments). */
  List<String> positionals() {
    return List.copyOf(positionals);
  }

  private int paramIndex(String label, boolean rest) {
    for (int i = 0; i < spec.params().size(); i++) {
      ParamSpec param = spec.params().get(i);
      if (param.label().equals(label)) {
        if ((param.arity() == ParamSpec.Arity.REST) != rest) {
          throw new IllegalArgumentException(spec.name() + ": read " + label + " with " + (rest ? "param" : "rest"));
        }
        return i;
      }
    }
    throw new IllegalArgumentException(spec.name() + " declares no parameter " + label);
  }

  private OptionSpec declared(String name) {
    return spec.option(name).orElseThrow(() -> new IllegalArgumentException(
        spec.name() + " declares no option --" + name));
  }

  private void requireKind(OptionSpec option, boolean right) {
    if (!right) {
      throw new IllegalArgumentException(spec.name() + ": --" + option.key() + " is a " + option.kind());
    }
  }

  private long number(String name, String value) {
    try {
      return Long.decode(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "expected an integer");
    }
  }

  /** Go's wording, with the reason instead of Go's bare "parse error". */
  private UsageException invalid(String name, String value, String why) {
    return new UsageException("invalid value \"" + value + "\" for flag -" + declared(name).key() + ": " + why);
  }
}
