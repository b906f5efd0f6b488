package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerbScanTest {
  private static Optional<String> candidate(String... args) {
    return VerbScan.candidate(args);
  }

  @Test
  void findsTheVerbAfterRuncsGlobalsInEverySpelling() {
    assertEquals(Optional.of("create"), candidate("--root", "/run/x", "--log", "/b/log.json", "--log-format", "json",
        "--criu", "/usr/sbin/criu", "--systemd-cgroup", "--rootless=false", "create", "--bundle", "/b", "c1"));
    assertEquals(Optional.of("state"), candidate("--root=/run/x", "--debug", "state", "c1"));
    assertEquals(Optional.of("features"), candidate("features"));
  }

  @Test
  void anOptionValueThatSpellsAVerbIsNotTheVerb() {
    assertEquals(Optional.of("list"), candidate("--root", "state", "list"));
    assertEquals(Optional.of("kill"), candidate("--log", "create", "--rootless", "auto", "kill", "c1"));
  }

  @Test
  void noCandidateWithoutAWordOrAfterDoubleDash() {
    assertEquals(Optional.empty(), candidate());
    assertEquals(Optional.empty(), candidate("--help"));
    assertEquals(Optional.empty(), candidate("-v"));
    assertEquals(Optional.empty(), candidate("--", "create"));
  }

  @Test
  void valueTakingGlobalsAreReadFromGlobalOptions() {
    assertEquals(Set.of("--root", "--log", "--log-format", "--rootless", "--criu"), VerbScan.globalsTakingAValue());
  }

  @Test
  void onlyTheNamedVerbIsBuiltAndHelpOrUnknownWordsGetTheFullTree() {
    CommandContext context = CliRun.quietContext();
    CommandLine features = Main.commandLine(context, Main.VERBS, new String[] {"--debug", "features"});
    assertEquals(Set.of("features"), features.getSubcommands().keySet());

    int every = Main.commandLine(context).getSubcommands().size();
    assertTrue(every >= 4, "spec, features, version, help at least");
    assertEquals(every, Main.commandLine(context, Main.VERBS, new String[] {"help", "spec"}).getSubcommands().size());
    assertEquals(every, Main.commandLine(context, Main.VERBS, new String[] {"nonsense"}).getSubcommands().size());
    assertEquals(every, Main.commandLine(context, Main.VERBS, new String[] {"--debug", "true", "spec"})
        .getSubcommands().size());
  }

  @Test
  void helpCommandNeverAnswersAlone() {
    assertFalse(VerbScan.answersTo(new CommandLine.HelpCommand(), "help"));
    assertTrue(VerbScan.answersTo(new VersionCommand(CliRun.quietContext()), "version"));
    assertFalse(VerbScan.answersTo(new VersionCommand(CliRun.quietContext()), "spec"));
  }

  @Test
  void everyVerbStillRunsThroughTheLazyTree() {
    // "--debug true version": true is --debug's value (the scan falls back to the full tree), version the verb
    CliRun run = CliRun.run("--debug", "true", "version");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("bramble version "), run.out());
  }
}
