package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.error.BrambleException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class MainTest {
  /** A verb that fails the way the test asks, to exercise Main's error reporting. */
  @Command(name = "fail")
  static final class FailCommand implements Callable<Integer> {
    @Parameters(index = "0")
    String kind;

    @Override
    public Integer call() throws Exception {
      return switch (kind) {
        case "bramble" -> throw BrambleException.of("create", "c1", "bundle /b has no config.json", "run 'bramble spec'");
        case "status" -> throw new BrambleException("kill c1: container is stopped").withExitCode(7);
        case "npe" -> throw new NullPointerException();
        case "checked" -> throw new java.io.IOException("disk on fire");
        default -> 0;
      };
    }
  }

  private static CliRun runWithFailVerb(String... args) {
    List<Function<CommandContext, Object>> verbs = new ArrayList<>(Main.VERBS);
    verbs.add(context -> new FailCommand());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CliRun.CLOCK);
    int status = Main.commandLine(context, verbs).execute(args);
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBrambleExceptionBecomesTheLastErrorLineAndExitStatusOne() {
    CliRun run = runWithFailVerb("--log-format", "json", "fail", "bramble");
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertEquals("{\"level\":\"error\",\"msg\":\"create c1: bundle /b has no config.json; run 'bramble spec'\","
        + "\"time\":\"" + CliRun.TIME + "\"}\n", run.err());
  }

  @Test
  void aFailureCarriesItsOwnExitStatus() {
    assertEquals(7, runWithFailVerb("fail", "status").status());
  }

  @Test
  void withLogFileTheErrorGoesToTheFileAndPlainToStderr(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("log.json");
    CliRun run = runWithFailVerb("--log", log.toString(), "--log-format", "json", "fail", "bramble");
    assertEquals(1, run.status());
    String msg = "create c1: bundle /b has no config.json; run 'bramble spec'";
    assertEquals(List.of("{\"level\":\"error\",\"msg\":\"" + msg + "\",\"time\":\"" + CliRun.TIME + "\"}"),
        Files.readAllLines(log));
    assertEquals(msg + "\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void logToDevStderrIsStderrAndTheErrorIsNotPrintedTwice() {
    CliRun run = runWithFailVerb("--log", "/dev/stderr", "fail", "bramble");
    assertEquals(1, run.status());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("time=\"" + CliRun.TIME + "\" level=error msg=\"create c1:"), run.err());
  }

  @Test
  void unexpectedExceptionsGetAMessageAndTheStackTraceOnlyUnderDebug() {
    CliRun quiet = runWithFailVerb("fail", "npe");
    assertEquals(1, quiet.status());
    assertEquals(List.of("time=\"" + CliRun.TIME + "\" level=error msg=\"unexpected error: java.lang.NullPointerException;"
        + " rerun with --debug for the stack trace\""), quiet.err().lines().toList());

    CliRun loud = runWithFailVerb("--debug", "--log-format", "json", "fail", "checked");
    List<String> lines = loud.err().lines().toList();
    assertEquals(2, lines.size(), loud.err());
    assertTrue(lines.get(0).startsWith("{\"level\":\"debug\",\"msg\":\"java.io.IOException: disk on fire\\n\\tat "),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"level\":\"error\",\"msg\":\"unexpected error: disk on fire; this is a bug"),
        lines.get(1));
  }

  @Test
  void rootlessTrueIsRefusedBeforeTheVerbRuns(@TempDir Path bundle) {
    CliRun run = CliRun.run("--rootless", "true", "spec", "--bundle", bundle.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("level=error msg=\"rootless mode is not supported yet (--rootless=true); run bramble"
        + " as root"), run.err());
    assertFalse(Files.exists(bundle.resolve("config.json")), "the verb must not have run");
    assertEquals("", run.out());
  }

  @Test
  void rootlessFalseAndAutoAreAccepted() {
    assertEquals(0, CliRun.run("--rootless=false", "version").status());
    assertEquals(0, CliRun.run("--rootless=auto", "version").status());
  }

  @Test
  void criuIsAcceptedAndMentionedOnlyInDebugLogs() {
    CliRun quiet = CliRun.run("--criu", "/usr/sbin/criu", "version");
    assertEquals(0, quiet.status());
    assertEquals("", quiet.err());
    CliRun loud = CliRun.run("--debug", "--criu", "/usr/sbin/criu", "version");
    assertEquals(0, loud.status());
    assertTrue(loud.err().contains("level=debug msg=\"ignoring --criu /usr/sbin/criu"), loud.err());
  }

  @Test
  void unknownGlobalOptionIsAUsageErrorNamingItAndTheHelp() {
    CliRun run = CliRun.run("--log-format", "json", "--no-such-flag", "version");
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertEquals("{\"level\":\"error\",\"msg\":\"bramble: Unknown option: '--no-such-flag'; run 'bramble --help' for"
        + " usage\",\"time\":\"" + CliRun.TIME + "\"}\n", run.err());
  }

  @Test
  void unknownVerbAndVerbOptionAreUsageErrors() {
    CliRun verb = CliRun.run("--root", "/tmp/x", "frobnicate", "c1");
    assertEquals(1, verb.status());
    assertEquals("time=\"" + CliRun.TIME + "\" level=error msg=\"bramble: unknown command 'frobnicate'; run 'bramble"
        + " --help' for usage\"\n", verb.err());
    CliRun option = CliRun.run("features", "--bogus");
    assertEquals(1, option.status());
    assertTrue(option.err().contains("msg=\"bramble features: Unknown option: '--bogus'; run 'bramble features --help'"),
        option.err());
  }

  @Test
  void usageErrorsLandInTheLogFileWhenOneIsGiven(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("log.json");
    CliRun run = CliRun.run("--log", log.toString(), "--log-format", "json", "features", "--bogus");
    assertEquals(1, run.status());
    List<String> lines = Files.readAllLines(log);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("{\"level\":\"error\",\"msg\":\"bramble features: Unknown option: '--bogus'"),
        lines.get(0));
    assertTrue(run.err().startsWith("bramble features: Unknown option"), run.err());
  }

  @Test
  void badLogFormatIsReportedWithRuncsWording() {
    CliRun run = CliRun.run("--log-format", "xml", "version");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("invalid log-format: xml (expected text or json)"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void anUnwritableLogFileFailsWithTheReasonOnStderr(@TempDir Path dir) {
    Path log = dir.resolve("missing-dir").resolve("log.json");
    CliRun run = CliRun.run("--log", log.toString(), "version");
    assertEquals(1, run.status());
    assertEquals("", run.out(), "the verb must not have run");
    assertTrue(run.err().contains("level=error msg=\"open log file " + log + ": no such file or directory; pass a"
        + " writable file to --log"), run.err());
  }

  @Test
  void theLogFileIsCreatedEvenWhenNothingIsLogged(@TempDir Path dir) {
    Path log = dir.resolve("log.json");
    assertEquals(0, CliRun.run("--log", log.toString(), "version").status());
    assertTrue(Files.isRegularFile(log));
  }

  @Test
  void noVerbPrintsTheHelpOnStdout() {
    CliRun run = CliRun.run();
    assertEquals(0, run.status());
    assertTrue(run.out().contains("Usage: bramble"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void helpListsEveryVerbAndTheGlobalsButHidesCriu() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
      CliRun run = CliRun.run(args);
      assertEquals(0, run.status());
      for (String expected : new String[] {"spec", "features", "version", "help", "--root", "--log", "--log-format",
          "--debug", "--systemd-cgroup", "--rootless"}) {
        assertTrue(run.out().contains(expected), String.join(" ", args) + " lacks " + expected + ":\n" + run.out());
      }
      assertFalse(run.out().contains("--criu"), run.out());
    }
  }

  @Test
  void helpOfAVerbShowsItsOptions() {
    CliRun run = CliRun.run("help", "spec");
    assertEquals(0, run.status());
    assertTrue(run.out().contains("--bundle"), run.out());
    assertTrue(run.out().contains("--rootless"), run.out());
  }
}
