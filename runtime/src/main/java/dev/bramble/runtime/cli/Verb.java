package dev.bramble.runtime.cli;

import java.util.concurrent.Callable;

/**
 * One verb of the bramble binary as {@link Main#VERBS} lists it: its command-line model and how to build the command
 * from the parsed arguments. The command's {@code call()} returns the exit status.
 *
 * @param spec the options and parameters, which the help shows and the parser checks
 * @param factory builds the command; it reads the {@link Arguments} (a value of the wrong form is a
 *     {@link UsageException}) and does no work until called
 */
record Verb(CommandSpec spec, Factory factory) {
  /** Builds a verb's command from the context and the parsed arguments. */
  @FunctionalInterface
  interface Factory {
    Callable<Integer> create(CommandContext context, Arguments arguments);
  }
}
