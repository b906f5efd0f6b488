package dev.bramble.runtime.cli;

/**
 * One positional parameter of a command: {@code ID}, {@code [SIGNAL]}, {@code [COMMAND...]}.
 *
 * @param label the name the help and the usage errors show, and the one commands read it by
 * @param help one sentence for the help listing
 * @param arity whether it must be given, may be given, or takes every remaining argument
 */
record ParamSpec(String label, String help, Arity arity) {
  /** How many arguments a parameter takes. */
  enum Arity {
    /** exactly one */
    REQUIRED,
    /** zero or one; only after the required ones */
    OPTIONAL,
    /** all the remaining arguments, zero or more; only last */
    REST
  }

  /** {@code ID}, {@code [SIGNAL]} or {@code [COMMAND...]}. */
  String synopsis() {
    return switch (arity) {
      case REQUIRED -> label;
      case OPTIONAL -> "[" + label + "]";
      case REST -> "[" + label + "...]";
    };
  }
}
