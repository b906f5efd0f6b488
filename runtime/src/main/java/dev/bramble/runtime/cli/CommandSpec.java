package dev.bramble.runtime.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command-line model of one verb (or of {@code bramble} itself, whose options are the globals), written in code
 * by each command class: its name and aliases, the one-line summary {@code bramble --help} lists, more help text,
 * its options and its positional parameters. {@link ArgParser} parses against it and {@link HelpText} prints it;
 * nothing is discovered by reflection, so building one costs next to nothing at every start.
 *
 * @param name the verb as typed ({@code list})
 * @param aliases other words for it ({@code ls})
 * @param summary one line for the verb listing, and the first line of its help
 * @param description further help paragraphs (may be empty)
 * @param options every option, in help order; always includes {@code -h, --help}
 * @param params the positional parameters: required ones, then optional ones, then at most one rest parameter
 * @param optionsAnywhere whether options may also follow the arguments ({@code delete ID --force}), as runc's CLI
 *     library allows for every verb but exec, ps and kill, whose later arguments belong to a program or may start
 *     with a dash
 */
record CommandSpec(String name, List<String> aliases, String summary, List<String> description,
    List<OptionSpec> options, List<ParamSpec> params, boolean optionsAnywhere) {
  static final String HELP = "help";

  CommandSpec {
    aliases = List.copyOf(aliases);
    description = List.copyOf(description);
    options = List.copyOf(options);
    params = List.copyOf(params);
  }

  static Builder builder(String name, String summary) {
    return new Builder(name, summary);
  }

  /** The option called {@code name} (without dashes, any of its names). */
  Optional<OptionSpec> option(String name) {
    for (OptionSpec option : options) {
      if (option.names().contains(name)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code word} names this verb (its name or an alias). */
  boolean answersTo(String word) {
    return name.equals(word) || aliases.contains(word);
  }

  /** The parameters as the usage line shows them: {@code ID [SIGNAL]}. */
  String paramSynopsis() {
    List<String> parts = new ArrayList<>();
    params.forEach(p -> parts.add(p.synopsis()));
    return String.join(" ", parts);
  }

  /** Builds a {@link CommandSpec} and checks it is well formed (a mistake there is a bug, found by any test). */
  static final class Builder {
    private final String name;
    private final String summary;
    private final List<String> aliases = new ArrayList<>();
    private final List<String> description = new ArrayList<>();
    private final List<OptionSpec> options = new ArrayList<>();
    private final List<ParamSpec> params = new ArrayList<>();
    private boolean optionsAnywhere = true;

    private Builder(String name, String summary) {
      this.name = name;
      this.summary = summary;
    }

    Builder alias(String alias) {
      aliases.add(alias);
      return this;
    }

    /** A paragraph of help after the summary. */
    Builder description(String paragraph) {
      description.add(paragraph);
      return this;
    }

    /** Options end at the first argument: what follows belongs to the container's program ({@code exec}, ...). */
    Builder optionsOnlyBeforeArguments() {
      optionsAnywhere = false;
      return this;
    }

    Builder option(OptionSpec option) {
      options.add(option);
      return this;
    }

    Builder options(List<OptionSpec> shared) {
      options.addAll(shared);
      return this;
    }

    Builder required(String label, String help) {
      return param(new ParamSpec(label, help, ParamSpec.Arity.REQUIRED));
    }

    Builder optional(String label, String help) {
      return param(new ParamSpec(label, help, ParamSpec.Arity.OPTIONAL));
    }

    Builder rest(String label, String help) {
      return param(new ParamSpec(label, help, ParamSpec.Arity.REST));
    }

    private Builder param(ParamSpec param) {
      if (!params.isEmpty()) {
        ParamSpec.Arity last = params.get(params.size() - 1).arity();
        if (last == ParamSpec.Arity.REST || last.compareTo(param.arity()) > 0) {
          throw new IllegalStateException(name + ": parameter " + param.label() + " (" + param.arity()
              + ") cannot follow " + last + " parameters");
        }
      }
      params.add(param);
      return this;
    }

    /** The spec, with {@code -h, --help} added (every verb has it, as in runc). */
    CommandSpec build() {
      List<OptionSpec> all = new ArrayList<>(options);
      all.add(OptionSpec.flag("-h, --" + HELP, "show this help and exit"));
      Set<String> seen = new HashSet<>();
      for (OptionSpec option : all) {
        for (String n : option.names()) {
          if (!seen.add(n)) {
            throw new IllegalStateException(name + ": option name '" + n + "' is declared twice");
          }
        }
      }
      Set<String> labels = new HashSet<>();
      for (ParamSpec param : params) {
        if (!labels.add(param.label())) {
          throw new IllegalStateException(name + ": parameter " + param.label() + " is declared twice");
        }
      }
      return new CommandSpec(name, aliases, summary, description, all, params, optionsAnywhere);
    }
  }
}
