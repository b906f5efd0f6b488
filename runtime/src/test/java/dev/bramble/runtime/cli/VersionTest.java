package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void versionFlagsAndVerbPrintTheSameRuncStyleLines() {
    List<String> expected = List.of(
        "bramble version " + VersionInfo.brambleVersion(),
        "spec: " + SupportedFeatures.OCI_VERSION_MAX,
        "java: " + Runtime.version());
    for (String[] args : new String[][] {{"--version"}, {"-v"}, {"version"}}) {
      CliRun run = CliRun.run(args);
      assertEquals(0, run.status(), String.join(" ", args));
      assertEquals(expected, run.out().lines().toList(), String.join(" ", args));
      assertEquals("", run.err());
    }
  }

  @Test
  void theVersionComesFromTheFilteredBuildResource() {
    String version = VersionInfo.brambleVersion();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
  }

  @Test
  void specLineMatchesRuncsBatsPattern() {
    assertTrue(CliRun.run("-v").out().lines().toList().get(1).matches("spec: [0-9]+\\.[0-9]+\\.[0-9]+"));
  }
}
