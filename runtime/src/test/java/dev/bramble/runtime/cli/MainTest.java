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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** A verb that fails the way the test asks, to exercise Main's error reporting. */
  private static final Verb FAIL = new Verb(
      CommandSpec.builder("fail", "fail as asked").required("KIND", "how").build(),
      (context, args) -> {
        String kind = args.param("KIND");
        return () -> switch (kind) {
          case "bramble" -> throw BrambleException.of("create", "c1", "bundle /b has no config.json",
              "run 'bramble spec'");
          case "status" -> throw new BrambleException("kill c1: container is stopped").withExitCode(7);
          case "npe" -> throw new NullPointerException();
          case "checked" -> throw new java.io.IOException("disk on fire");
          case "usage" -> throw new UsageException("KIND usage is not a kind of failure");
          default -> 0;
        };
      });

  private static CliRun runWithFailVerb(String... args) {
    List<Verb> verbs = new ArrayList<>(Main.VERBS);
    verbs.add(FAIL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CliRun.CLOCK);
    int status = Main.execute(context, verbs, args);
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String textError(String msg) {
    return "time=\"" + CliRun.TIME + "\" level=error msg=\"" + msg + "\"\n";
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
    assertEquals(0, runWithFailVerb("fail", "none").status());
  }

  @Test
  void aUsageExceptionFromARunningVerbIsReportedAsAUsageError() {
    CliRun run = runWithFailVerb("fail", "usage");
    assertEquals(1, run.status());
    assertEquals(textError("bramble fail: KIND usage is not a kind of failure; run 'bramble fail --help' for usage"),
        run.err());
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
  void rootlessFalseAndAutoAreAcceptedAndOtherWordsAreUsageErrors() {
    assertEquals(0, CliRun.run("--rootless=false", "version").status());
    assertEquals(0, CliRun.run("--rootless=auto", "version").status());
    CliRun bad = CliRun.run("--rootless", "maybe", "version");
    assertEquals(1, bad.status());
    assertEquals(textError("bramble: invalid --rootless value 'maybe' (expected true, false or auto); run 'bramble"
        + " --help' for usage"), bad.err());
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
  void unknownGlobalOptionIsAUsageErrorNamingItInGoWordingAndTheHelp() {
    CliRun run = CliRun.run("--log-format", "json", "--no-such-flag", "version");
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertEquals("{\"level\":\"error\",\"msg\":\"bramble: flag provided but not defined: -no-such-flag; run 'bramble"
        + " --help' for usage\",\"time\":\"" + CliRun.TIME + "\"}\n", run.err());
  }

  @Test
  void unknownVerbAndVerbOptionAreUsageErrors() {
    CliRun verb = CliRun.run("--root", "/tmp/x", "frobnicate", "c1");
    assertEquals(1, verb.status());
    assertEquals(textError("bramble: unknown command 'frobnicate'; run 'bramble --help' for usage"), verb.err());
    CliRun option = CliRun.run("features", "--bogus");
    assertEquals(1, option.status());
    assertEquals(textError("bramble features: flag provided but not defined: -bogus; run 'bramble features --help'"
        + " for usage"), option.err());
  }

  @Test
  void aMissingOrExtraArgumentNamesTheVerbAndWhatItTakes() {
    CliRun missing = CliRun.run("state");
    assertEquals(1, missing.status());
    assertEquals(textError("bramble state: expected 1 argument (ID), got 0; run 'bramble state --help' for usage"),
        missing.err());
    CliRun extra = CliRun.run("delete", "c1", "--forced");
    assertEquals(1, extra.status());
    assertEquals(textError("bramble delete: expected 1 argument (ID), got 2: c1 --forced (--forced is not an option"
        + " of delete); run 'bramble delete --help' for usage"), extra.err());
    CliRun killExtra = CliRun.run("kill", "c1", "TERM", "--all");
    assertTrue(killExtra.err().contains("got 3: c1 TERM --all (options go before the arguments"), killExtra.err());
    CliRun exec = CliRun.run("exec");
    assertTrue(exec.err().contains("bramble exec: expected at least 1 argument (ID [COMMAND...]), got 0"), exec.err());
    CliRun kill = CliRun.run("kill", "c1", "TERM", "now");
    assertTrue(kill.err().contains("bramble kill: expected 1 to 2 arguments (ID [SIGNAL]), got 3: c1 TERM now"),
        kill.err());
    CliRun list = CliRun.run("list", "c1");
    assertTrue(list.err().contains("bramble list: expected no arguments, got 1: c1;"), list.err());
  }

  @Test
  void aFlagValueOfTheWrongFormIsAUsageErrorOfTheVerb() {
    CliRun run = CliRun.run("create", "--preserve-fds", "some", "c1");
    assertEquals(1, run.status());
    assertEquals(textError("bramble create: invalid value \\\"some\\\" for flag -preserve-fds: expected an integer;"
        + " run 'bramble create --help' for usage"), run.err());
  }

  @Test
  void globalsAfterTheVerbAreNotGlobals() {
    // runc only takes global flags before the verb
    CliRun run = CliRun.run("features", "--debug");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("bramble features: flag provided but not defined: -debug;"), run.err());
  }

  @Test
  void aBooleanGlobalNeverTakesTheNextWordAsItsValue() {
    // Go's flag package: "--debug true" is --debug and then the word "true", here where the verb belongs
    CliRun run = CliRun.run("--debug", "true", "version");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("bramble: unknown command 'true'"), run.err());
    assertEquals(0, CliRun.run("--debug=true", "version").status());
  }

  @Test
  void usageErrorsLandInTheLogFileWhenOneIsGiven(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("log.json");
    CliRun run = CliRun.run("--log", log.toString(), "--log-format", "json", "features", "--bogus");
    assertEquals(1, run.status());
    List<String> lines = Files.readAllLines(log);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith(
        "{\"level\":\"error\",\"msg\":\"bramble features: flag provided but not defined: -bogus"), lines.get(0));
    assertTrue(run.err().startsWith("bramble features: flag provided but not defined: -bogus"), run.err());
  }

  @Test
  void aGlobalUsageErrorIsLoggedWithTheGlobalsParsedBeforeIt(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("log.json");
    CliRun run = CliRun.run("--log", log.toString(), "--log-format", "json", "--root");
    assertEquals(1, run.status());
    assertEquals(List.of("{\"level\":\"error\",\"msg\":\"bramble: flag needs an argument: -root; run 'bramble --help'"
        + " for usage\",\"time\":\"" + CliRun.TIME + "\"}"), Files.readAllLines(log));
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
    assertTrue(run.out().startsWith("Usage: bramble [OPTIONS] COMMAND [ARGS...]\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void helpListsEveryVerbWithItsSummaryAndTheGlobalsButHidesCriu() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"--root", "/x", "-help"}}) {
      CliRun run = CliRun.run(args);
      assertEquals(0, run.status());
      assertEquals("", run.err());
      for (String expected : new String[] {"--root DIR", "--log FILE", "--log-format FORMAT", "--debug",
          "--systemd-cgroup", "--rootless true|false|auto", "--strace", "-v, --version", "-h, --help",
          "  help ", "  list, ls ", "Run 'bramble help COMMAND' for the options of a command."}) {
        assertTrue(run.out().contains(expected), String.join(" ", args) + " lacks " + expected + ":\n" + run.out());
      }
      for (Verb verb : Main.VERBS) {
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  " + verb.spec().name())
            && l.contains(verb.spec().summary().split(" ")[0])), verb.spec().name() + " missing:\n" + run.out());
      }
      assertFalse(run.out().contains("--criu"), run.out());
    }
  }

  @Test
  void helpOfAVerbShowsItsParametersAndOptionsButNotTheHiddenOnes() {
    for (String[] args : new String[][] {{"help", "exec"}, {"exec", "--help"}, {"exec", "-h"}, {"exec", "-help"}}) {
      CliRun run = CliRun.run(args);
      assertEquals(0, run.status(), String.join(" ", args));
      assertTrue(run.out().startsWith("Usage: bramble exec [OPTIONS] ID [COMMAND...]\nrun a process in a running"
          + " container\n"), run.out());
      for (String expected : new String[] {"  ID ", "  COMMAND ", "  -e, --env K=V ", "      --cwd DIR ",
          "  -t, --tty ", "  -h, --help "}) {
        assertTrue(run.out().contains(expected), expected + " missing:\n" + run.out());
      }
      assertFalse(run.out().contains("--apparmor"), run.out());
      assertFalse(run.out().contains("--process-label"), run.out());
    }
  }

  @Test
  void helpComesBeforeArgumentChecksAndTheRestIsNotParsed() {
    CliRun run = CliRun.run("state", "--help", "--no-such-flag");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("Usage: bramble state [OPTIONS] ID\n"), run.out());
  }

  @Test
  void helpOfAnAliasAndOfHelpItself() {
    CliRun ls = CliRun.run("help", "ls");
    assertEquals(0, ls.status());
    assertTrue(ls.out().contains("Usage: bramble list [OPTIONS]\nlist containers\nAliases: ls\n"), ls.out());
    CliRun help = CliRun.run("help", "--help");
    assertTrue(help.out().startsWith("Usage: bramble help [OPTIONS] [COMMAND]\n"), help.out());
  }

  @Test
  void helpOfAnUnknownVerbIsAUsageError() {
    CliRun run = CliRun.run("help", "frobnicate");
    assertEquals(1, run.status());
    assertEquals(textError("bramble help: unknown command 'frobnicate'; run 'bramble help --help' for usage"),
        run.err());
  }

  @Test
  void theAliasRunsTheVerb(@TempDir Path dir) {
    CliRun ls = CliRun.run("--root", dir.toString(), "ls", "-q");
    assertEquals(0, ls.status(), ls.err());
    assertEquals("", ls.out());
  }
}
