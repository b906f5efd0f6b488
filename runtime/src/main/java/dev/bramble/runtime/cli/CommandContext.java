package dev.bramble.runtime.cli;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import dev.bramble.runtime.error.Remedies;
import dev.bramble.runtime.log.Logger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * What every command receives through its constructor: the parsed {@link GlobalOptions}, the logger they configure,
 * stdout for results, stderr, and lazily built shared {@link Services}. One per process, created in {@link Main};
 * tests create their own with captured streams and fake services.
 */
public final class CommandContext {
  private static final Path STDERR = Path.of("/dev/stderr");

  private final GlobalOptions globals = new GlobalOptions();
  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;
  private final Services services = new Services();
  private Logger logger;

  public CommandContext(PrintStream out, PrintStream err, InstantSource clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** runc's global flags; filled in by {@link Main} before any command runs. */
  public GlobalOptions globals() {
    return globals;
  }

  /** stdout: results only (JSON for {@code state}/{@code features}, tables for {@code list}); never log lines. */
  public PrintStream out() {
    return out;
  }

  /** stderr: log lines when {@code --log} is absent, and the final error message. */
  public PrintStream err() {
    return err;
  }

  public InstantSource clock() {
    return clock;
  }

  public Services services() {
    return services;
  }

  /** Shorthand for {@code services().get(type)}: the shared instance, built on first use. */
  public <T> T service(Class<T> type) {
    return services.get(type, this);
  }

  /**
   * The logger set up by {@code --log}, {@code --log-format} and {@code --debug}; opened on first use, which
   * {@link Main} makes happen right after parsing so that an unwritable {@code --log} fails before any work.
   *
   * @throws BrambleException if the log file cannot be opened; later calls then return a logger on stderr
   */
  public synchronized Logger logger() {
    if (logger == null) {
      Path file = globals.log().orElse(null);
      if (file == null || file.equals(STDERR)) { // runc documents /dev/stderr as its default --log
        logger = Logger.toStderr(err, globals.logFormat(), globals.debug(), clock);
      } else {
        try {
          logger = Logger.toFile(file, globals.logFormat(), globals.debug(), clock);
        } catch (IOException | UnsupportedOperationException e) {
          logger = Logger.toStderr(err, globals.logFormat(), globals.debug(), clock);
          throw BrambleException.of("open log file", file, IoReasons.describe(e), Remedies.WRITABLE_LOG_FILE, e);
        }
      }
    }
    return logger;
  }

  /** A logger that certainly works: the configured one, or stderr if that cannot be opened. */
  Logger loggerForFailure() {
    try {
      return logger();
    } catch (BrambleException e) {
      return logger();
    }
  }
}
