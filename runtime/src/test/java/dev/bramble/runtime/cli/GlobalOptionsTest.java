package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.log.LogFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GlobalOptionsTest {
  private static GlobalOptions parse(String... args) {
    GlobalOptions globals = new GlobalOptions();
    globals.apply(ArgParser.parse(GlobalOptions.SPEC, List.of(args)));
    return globals;
  }

  @Test
  void defaultsMatchRunc() {
    GlobalOptions globals = parse("features");
    assertEquals(Path.of("/run/bramble"), globals.root());
    assertEquals(Optional.empty(), globals.log());
    assertEquals(LogFormat.TEXT, globals.logFormat());
    assertFalse(globals.debug());
    assertFalse(globals.systemdCgroup());
    assertEquals(RootlessMode.AUTO, globals.rootless());
    assertEquals(Optional.empty(), globals.criu());
  }

  @Test
  void parsesEveryGlobalInTheOrderContainerdsGoRuncPassesThem() {
    // go-runc: --root, --debug, --log, --log-format, (1.6: --criu), --systemd-cgroup, --rootless=<bool>
    GlobalOptions globals = parse("--root", "/run/containerd/runc/k8s.io", "--debug", "--log",
        "/run/containerd/io.containerd.runtime.v2.task/k8s.io/c1/log.json", "--log-format", "json",
        "--criu", "/usr/sbin/criu", "--systemd-cgroup", "--rootless=false", "features");
    assertEquals(Path.of("/run/containerd/runc/k8s.io"), globals.root());
    assertTrue(globals.debug());
    assertEquals(Optional.of(Path.of("/run/containerd/io.containerd.runtime.v2.task/k8s.io/c1/log.json")),
        globals.log());
    assertEquals(LogFormat.JSON, globals.logFormat());
    assertEquals(Optional.of("/usr/sbin/criu"), globals.criu());
    assertTrue(globals.systemdCgroup());
    assertEquals(RootlessMode.FALSE, globals.rootless());
  }

  @Test
  void acceptsEqualsFormsAndGoBooleanValues() {
    GlobalOptions globals = parse("--root=/tmp/state", "--log-format=text", "--debug=false", "--systemd-cgroup=true",
        "--rootless", "auto", "features");
    assertEquals(Path.of("/tmp/state"), globals.root());
    assertFalse(globals.debug());
    assertTrue(globals.systemdCgroup());
    assertEquals(RootlessMode.AUTO, globals.rootless());
  }

  @Test
  void aRepeatedFlagWinsLikeGoFlags() {
    assertEquals(Path.of("/b"), parse("--root", "/a", "--root", "/b", "features").root());
  }

  @Test
  void relativeRootIsMadeAbsolute() {
    assertEquals(Path.of("").toAbsolutePath().resolve("state"), parse("--root", "state", "features").root());
  }

  @Test
  void theVerbAndItsArgumentsAreLeftForTheVerb() {
    Arguments parsed = ArgParser.parse(GlobalOptions.SPEC,
        List.of("--root", "/r", "exec", "--env", "A=1", "c1", "sh", "-c", "x"));
    assertEquals(List.of("exec", "--env", "A=1", "c1", "sh", "-c", "x"), parsed.positionals());
  }

  @Test
  void aRootNamedLikeAVerbIsTheRoot() {
    Arguments parsed = ArgParser.parse(GlobalOptions.SPEC, List.of("--root", "state", "list"));
    assertEquals(List.of("list"), parsed.positionals());
    GlobalOptions globals = new GlobalOptions();
    globals.apply(parsed);
    assertEquals(Path.of("state").toAbsolutePath(), globals.root());
  }

  @Test
  void everyBooleanGlobalTakesGoBoolSpellingsAfterEquals() {
    GlobalOptions globals = parse("--debug=1", "--strace=T", "--systemd-cgroup=FALSE", "x");
    assertTrue(globals.debug());
    assertTrue(globals.strace());
    assertFalse(globals.systemdCgroup());
    UsageException bad = assertThrows(UsageException.class, () -> parse("--debug=yes", "x"));
    assertTrue(bad.getMessage().startsWith("invalid boolean value \"yes\" for -debug"), bad.getMessage());
  }

  @Test
  void usableValuesAreKeptWhenAnotherIsWrong() {
    GlobalOptions globals = new GlobalOptions();
    Arguments parsed = ArgParser.parse(GlobalOptions.SPEC,
        List.of("--log-format", "json", "--rootless", "sometimes", "--root", "/r", "x"));
    assertThrows(UsageException.class, () -> globals.apply(parsed));
    assertEquals(LogFormat.JSON, globals.logFormat());
    assertEquals(Path.of("/r"), globals.root());
  }

  @Test
  void rootlessValuesFollowGoParseBool() {
    for (String yes : new String[] {"1", "t", "T", "true", "TRUE", "True"}) {
      assertEquals(RootlessMode.TRUE, RootlessMode.parse(yes), yes);
    }
    for (String no : new String[] {"0", "f", "F", "false", "FALSE", "False"}) {
      assertEquals(RootlessMode.FALSE, RootlessMode.parse(no), no);
    }
    assertEquals(RootlessMode.AUTO, RootlessMode.parse("auto"));
    assertThrows(IllegalArgumentException.class, () -> RootlessMode.parse("yes"));
  }
}
