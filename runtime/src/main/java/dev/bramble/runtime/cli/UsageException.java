package dev.bramble.runtime.cli;

/**
 * A command line that cannot be run as written: an unknown option, a missing argument, a value of the wrong form.
 * {@link Main} reports it as {@code bramble VERB: MESSAGE; run 'bramble VERB --help' for usage} with exit status 1,
 * so the message says only what is wrong ({@code flag provided but not defined: -xyz}). Commands may throw it too
 * when an argument's value turns out wrong.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
