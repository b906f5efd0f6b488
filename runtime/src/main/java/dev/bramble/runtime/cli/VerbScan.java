package dev.bramble.runtime.cli;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Finds the verb on a command line before picocli parses it, so {@link Main} can give picocli only that verb: each
 * verb in the tree costs about a millisecond of reflection at every start, and every container operation is a
 * fresh JVM. When in doubt (no verb, {@code --}, {@code help}, an unknown word) the full tree is built, so the
 * result only ever changes how fast a command line parses, never how it parses.
 */
final class VerbScan {
  private VerbScan() {}

  /** The first word after runc's global options, if any: the candidate verb. */
  static Optional<String> candidate(String[] args) {
    Set<String> takesValue = globalsTakingAValue();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        return Optional.of(arg);
      }
      if (!arg.contains("=") && takesValue.contains(arg)) {
        i++; // skip the option's value: "--root create" names a directory, not the verb
      }
    }
    return Optional.empty();
  }

  /** Whether {@code command} is the verb called {@code name} and can be run without its sibling verbs. */
  static boolean answersTo(Object command, String name) {
    Command annotation = command.getClass().getAnnotation(Command.class);
    if (annotation == null || annotation.helpCommand()) {
      return false; // "help VERB" looks the other verbs up: it needs the full tree
    }
    if (annotation.name().equals(name)) {
      return true;
    }
    for (String alias : annotation.aliases()) {
      if (alias.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Global options whose next argument is their value (read from {@link GlobalOptions} so the two cannot drift). */
  static Set<String> globalsTakingAValue() {
    Set<String> names = new HashSet<>();
    for (Field field : GlobalOptions.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      // booleans take an optional value only after "="; a following word is never consumed unless true/false
      if (option != null && field.getType() != boolean.class) {
        names.addAll(java.util.List.of(option.names()));
      }
    }
    return names;
  }
}
