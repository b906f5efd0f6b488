package dev.bramble.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses a command line against a {@link CommandSpec} the way runc's (Go {@code flag} through urfave/cli v1) does,
 * so that whatever containerd, podman or a script passes to runc means the same to bramble:
 * <ul>
 *   <li>{@code -name} and {@code --name} are the same option, for long and one-letter names alike; there is no
 *       bundling ({@code -ef} is an option called {@code ef});</li>
 *   <li>a value is {@code --name=value} or the next argument, whatever it looks like ({@code --root state} names a
 *       directory even though {@code state} is a verb; {@code --log -x} logs to {@code -x});</li>
 *   <li>a boolean takes no separate argument, but accepts {@code --name=BOOL} with Go's ParseBool spellings;</li>
 *   <li>options end at the first positional argument (so {@code exec ID sh -c x} and {@code ps ID -ef} keep their
 *       options for the program) or at {@code --}, which is dropped; a lone {@code -} is positional;</li>
 *   <li>{@code -h}/{@code --help} stops parsing and asks for the help, whatever follows (Go's ErrHelp).</li>
 * </ul>
 * Errors use Go's wording: {@code flag provided but not defined: -xyz}, {@code flag needs an argument: -root},
 * {@code invalid boolean value "yes" for -debug: ...}; the number of positional arguments is checked against the
 * spec's parameters.
 */
final class ArgParser {
  private ArgParser() {}

  /** Parses {@code args} into a new {@link Arguments}. */
  static Arguments parse(CommandSpec spec, List<String> args) {
    Arguments parsed = new Arguments(spec);
    parseInto(parsed, args);
    return parsed;
  }

  /**
   * Parses {@code args} into {@code into}, which keeps whatever was parsed before an error (Go sets each flag as it
   * goes: a bad option after {@code --log-format json} is still reported in JSON).
   */
  static void parseInto(Arguments into, List<String> given) {
    CommandSpec spec = into.spec();
    List<String> args = spec.optionsAnywhere() ? optionsFirst(spec, given) : given;
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        i++;
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        break;
      }
      String body = arg.substring(arg.startsWith("--") ? 2 : 1);
      if (body.isEmpty() || body.startsWith("-") || body.startsWith("=")) {
        throw new UsageException("bad flag syntax: " + arg);
      }
      int equals = body.indexOf('=');
      String name = equals < 0 ? body : body.substring(0, equals);
      String inline = equals < 0 ? null : body.substring(equals + 1);
      OptionSpec option = spec.option(name)
          .orElseThrow(() -> new UsageException("flag provided but not defined: -" + name));
      i++;
      if (!option.takesValue()) {
        boolean value = inline == null || parseBool(inline).orElseThrow(() -> new UsageException(
            "invalid boolean value \"" + inline + "\" for -" + name + ": use true or false (or 1, t, 0, f)"));
        if (option.key().equals(CommandSpec.HELP)) {
          if (value) {
            into.requestHelp();
            return; // Go's ErrHelp: whatever follows is not looked at
          }
          continue;
        }
        into.add(option, Boolean.toString(value));
      } else if (inline != null) {
        into.add(option, inline);
      } else if (i < args.size()) {
        into.add(option, args.get(i++));
      } else {
        throw new UsageException("flag needs an argument: -" + name);
      }
    }
    for (; i < args.size(); i++) {
      into.addPositional(args.get(i));
    }
    checkCount(spec, into.positionals());
  }

  /**
   * runc's CLI library (urfave/cli v1) moves the verb's own options, each with its value, in front of the other
   * arguments before Go parses them; a word that is not one of the verb's options stays where it is (and so ends
   * the options: {@code state ID --bogus} is two arguments, as in runc). Nothing after {@code --} moves. Unlike
   * urfave, a boolean option never takes the next word as its value ({@code run -d ID --bundle B} works).
   */
  static List<String> optionsFirst(CommandSpec spec, List<String> args) {
    List<String> options = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      Optional<OptionSpec> option = optionNamedBy(spec, arg);
      if (arg.equals("--")) {
        others.add(0, arg);
        others.addAll(args.subList(i + 1, args.size()));
        break;
      } else if (option.isEmpty()) {
        others.add(arg);
      } else {
        options.add(arg);
        if (option.get().takesValue() && !arg.contains("=") && i + 1 < args.size()) {
          options.add(args.get(++i));
        }
      }
    }
    options.addAll(others);
    return options;
  }

  private static Optional<OptionSpec> optionNamedBy(CommandSpec spec, String arg) {
    if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
      return Optional.empty();
    }
    String body = arg.substring(arg.startsWith("--") ? 2 : 1);
    int equals = body.indexOf('=');
    return spec.option(equals < 0 ? body : body.substring(0, equals));
  }

  /** Go's strconv.ParseBool: 1, t, T, TRUE, true, True and their false counterparts; anything else is empty. */
  static Optional<Boolean> parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
      case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** Too few or too many positional arguments: say how many the verb takes, by name, and what came. */
  private static void checkCount(CommandSpec spec, List<String> given) {
    int min = 0;
    int max = 0;
    for (ParamSpec param : spec.params()) {
      switch (param.arity()) {
        case REQUIRED -> {
          min++;
          max++;
        }
        case OPTIONAL -> max++;
        case REST -> max = Integer.MAX_VALUE;
      }
    }
    if (given.size() >= min && given.size() <= max) {
      return;
    }
    String expected;
    if (max == 0) {
      expected = "expected no arguments";
    } else if (min == max) {
      expected = "expected " + min + " argument" + (min == 1 ? "" : "s") + " (" + spec.paramSynopsis() + ")";
    } else if (max == Integer.MAX_VALUE) {
      expected = "expected at least " + min + " argument" + (min == 1 ? "" : "s") + " (" + spec.paramSynopsis() + ")";
    } else {
      expected = "expected " + min + " to " + max + " arguments (" + spec.paramSynopsis() + ")";
    }
    StringBuilder message = new StringBuilder(expected).append(", got ").append(given.size());
    if (!given.isEmpty()) {
      message.append(": ").append(String.join(" ", given));
    }
    Optional<String> dashed = given.stream().skip(1).filter(a -> a.startsWith("-")).findFirst();
    if (given.size() > max && dashed.isPresent()) {
      message.append(spec.optionsAnywhere()
          ? " (" + dashed.get() + " is not an option of " + spec.name() + ")"
          : " (options go before the arguments: parsing stops at the first argument)");
    }
    throw new UsageException(message.toString());
  }
}
