package dev.bramble.runtime.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;

/** Runs the bramble command line in-process with captured stdout/stderr and a fixed clock. */
record CliRun(int status, String out, String err) {
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-05-01T12:00:00Z"));
  static final String TIME = "2024-05-01T12:00:00.000000000Z";

  static CliRun run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandContext context = new CommandContext(
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    Main.registerServices(context.services()); // built lazily: only a verb that needs the kernel touches JNA
    int status = Main.execute(context, args);
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A context whose streams nobody reads, for parse-only tests. */
  static CommandContext quietContext() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new CommandContext(sink, sink, CLOCK);
  }
}
