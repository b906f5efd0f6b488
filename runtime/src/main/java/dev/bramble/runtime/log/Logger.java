package dev.bramble.runtime.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Set;

/**
 * bramble's runc-compatible logger: {@code --log FILE} (append), {@code --log-format text|json}, {@code --debug}.
 *
 * <p>Deliberately tiny (no logging framework): every verb is a fresh JVM, so the logger must cost nothing until a
 * line is written. Each line goes out in a single {@code write} on an unbuffered stream, so lines from concurrent
 * bramble processes appending to the same file (containerd's {@code log.json}) never interleave. Never writes to
 * stdout: {@code state}, {@code list} and {@code features} print their results there.
 */
public final class Logger {
  private final OutputStream out;
  private final LogFormat format;
  private final LogLevel threshold;
  private final InstantSource clock;
  private final boolean toStderr;

  private Logger(OutputStream out, LogFormat format, boolean debug, InstantSource clock, boolean toStderr) {
    this.out = out;
    this.format = format;
    this.threshold = debug ? LogLevel.DEBUG : LogLevel.INFO;
    this.clock = clock;
    this.toStderr = toStderr;
  }

  /** Logs to the process's stderr stream (given explicitly so tests can capture it). */
  public static Logger toStderr(OutputStream stderr, LogFormat format, boolean debug, InstantSource clock) {
    return new Logger(stderr, format, debug, clock, true);
  }

  /**
   * Logs to {@code file}, always appending, like runc. A missing file is created with mode 0644 (the umask can only
   * narrow it): containerd trusts the last error line in it, so other users must never be able to write there.
   */
  public static Logger toFile(Path file, LogFormat format, boolean debug, InstantSource clock) throws IOException {
    OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))));
    return new Logger(out, format, debug, clock, false);
  }

  public boolean isDebugEnabled() {
    return threshold == LogLevel.DEBUG;
  }

  /** Whether lines already reach stderr; if not, the final error is printed there too (as runc does). */
  public boolean writesToStderr() {
    return toStderr;
  }

  public LogFormat format() {
    return format;
  }

  public void debug(String msg) {
    log(LogLevel.DEBUG, msg);
  }

  public void info(String msg) {
    log(LogLevel.INFO, msg);
  }

  public void warning(String msg) {
    log(LogLevel.WARNING, msg);
  }

  public void error(String msg) {
    log(LogLevel.ERROR, msg);
  }

  /** Logs {@code failure}'s stack trace at debug level (one record, newlines escaped in JSON). */
  public void debugStackTrace(Throwable failure) {
    if (isDebugEnabled()) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      debug(trace.toString().stripTrailing());
    }
  }

  public void log(LogLevel level, String msg) {
    if (level.compareTo(threshold) < 0) {
      return;
    }
    byte[] line = LogLines.render(format, level, msg == null ? "" : msg, clock.instant())
        .getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        // A full disk or a closed pipe must not turn into a second failure; the exit status still tells the caller.
      }
    }
  }
}
