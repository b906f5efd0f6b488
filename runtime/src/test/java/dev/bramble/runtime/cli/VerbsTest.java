package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Every verb of {@link Main#VERBS} built from a command line with each of its options (as containerd's go-runc and
 * runc's own tests spell them), without running it.
 */
class VerbsTest {
  /** One full command line per verb; a new verb must add one (see everyVerbHasACommandLineHere). */
  private static final Map<String, List<String>> SAMPLES = new LinkedHashMap<>();

  static {
    SAMPLES.put("create", List.of("--bundle", "/b", "--pid-file", "/p", "--console-socket", "/s", "--no-pivot",
        "--no-new-keyring", "--preserve-fds", "2", "--gate-warn", "va-bits,page-size", "--gate-warn=elf", "c1"));
    SAMPLES.put("start", List.of("c1"));
    SAMPLES.put("run", List.of("-b", "/b", "-d", "--keep", "--no-subreaper", "--pid-file=/p", "c1"));
    SAMPLES.put("exec", List.of("--process", "/p.json", "-e", "A=1", "--env", "B=2", "--cwd", "/tmp", "-u",
        "1000:1000", "-g", "10", "--additional-gids", "20", "-c", "CAP_NET_RAW", "--cap", "CAP_SYS_TIME",
        "--no-new-privs", "-t", "--console-socket", "/s", "-d", "--pid-file", "/pid", "--apparmor", "p",
        "--process-label", "l", "c1", "sh", "-c", "echo -e"));
    SAMPLES.put("state", List.of("c1"));
    SAMPLES.put("kill", List.of("--all", "c1", "KILL"));
    SAMPLES.put("delete", List.of("--force", "c1"));
    SAMPLES.put("list", List.of("--format", "json", "--quiet"));
    SAMPLES.put("ps", List.of("--format", "table", "c1", "-ef"));
    SAMPLES.put("pause", List.of("c1"));
    SAMPLES.put("resume", List.of("c1"));
    SAMPLES.put("update", List.of("--memory", "256m", "--pids-limit", "10", "c1"));
    SAMPLES.put("events", List.of("--interval", "1s", "--stats", "c1"));
    SAMPLES.put("spec", List.of("--bundle", "/b", "--rootless"));
    SAMPLES.put("features", List.of());
    SAMPLES.put("version", List.of());
    SAMPLES.put("check", List.of("-b", "/b", "--format", "json", "--node-labels", "--gate-warn", "va-bits,elf"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T build(String verbName, List<String> args) {
    Verb verb = Main.VERBS.stream().filter(v -> v.spec().answersTo(verbName)).findFirst().orElseThrow();
    Callable<Integer> command = verb.factory().create(CliRun.quietContext(), ArgParser.parse(verb.spec(), args));
    return (T) command;
  }

  private static <T> T build(String verbName, String... args) {
    return build(verbName, List.of(args));
  }

  @Test
  void everyVerbHasACommandLineHereAndItParses() {
    Set<String> names = new HashSet<>();
    for (Verb verb : Main.VERBS) {
      names.add(verb.spec().name());
      List<String> sample = SAMPLES.get(verb.spec().name());
      assertTrue(sample != null, "add a sample command line for " + verb.spec().name());
      assertTrue(build(verb.spec().name(), sample) != null);
    }
    assertEquals(SAMPLES.keySet(), names);
  }

  @Test
  void verbNamesAndAliasesAreUniqueAndEveryVerbHasAHelpLine() {
    Set<String> words = new HashSet<>(Set.of(Main.HELP.name()));
    for (Verb verb : Main.VERBS) {
      assertTrue(words.add(verb.spec().name()), verb.spec().name());
      verb.spec().aliases().forEach(a -> assertTrue(words.add(a), a));
      assertFalse(verb.spec().summary().isBlank());
      verb.spec().options().forEach(o -> assertFalse(o.help().isBlank(), verb.spec().name() + " " + o.key()));
    }
  }

  @Test
  void createReadsEveryCreateOption() {
    CreateCommand create = build("create", SAMPLES.get("create"));
    CreateOptions o = create.options;
    assertEquals(Path.of("/b"), o.bundle);
    assertEquals(Path.of("/p"), o.pidFile);
    assertEquals(Path.of("/s"), o.consoleSocket);
    assertTrue(o.noPivot);
    assertTrue(o.noNewKeyring);
    assertEquals(2, o.preserveFds);
    assertEquals(List.of("va-bits", "page-size", "elf"), o.gateWarn);
    assertEquals("c1", create.id);
    CreateOptions defaults = ((CreateCommand) build("create", "c1")).options;
    assertNull(defaults.bundle);
    assertEquals(0, defaults.preserveFds);
    assertEquals(List.of(), defaults.gateWarn);
  }

  @Test
  void runReadsCreatesOptionsAndItsOwn() {
    RunCommand run = build("run", SAMPLES.get("run"));
    assertEquals(Path.of("/b"), run.options.bundle);
    assertEquals(Path.of("/p"), run.options.pidFile);
    assertTrue(run.detach);
    assertEquals("c1", run.id);
    assertFalse(((RunCommand) build("run", "c1")).detach);
  }

  @Test
  void execKeepsTheCommandsOwnOptions() {
    ExecCommand exec = build("exec", SAMPLES.get("exec"));
    assertEquals(Path.of("/p.json"), exec.processFile);
    assertEquals(List.of("A=1", "B=2"), exec.env);
    assertEquals("/tmp", exec.cwd);
    assertEquals("1000:1000", exec.user);
    assertEquals(List.of(10L, 20L), exec.additionalGids);
    assertEquals(List.of("CAP_NET_RAW", "CAP_SYS_TIME"), exec.caps);
    assertTrue(exec.noNewPrivs);
    assertTrue(exec.tty);
    assertEquals(Path.of("/s"), exec.consoleSocket);
    assertTrue(exec.detach);
    assertEquals(Path.of("/pid"), exec.pidFile);
    assertEquals("c1", exec.id);
    assertEquals(List.of("sh", "-c", "echo -e"), exec.command);
    ExecCommand bare = build("exec", "c1", "ps", "-ef", "--env", "X=1");
    assertEquals(List.of("ps", "-ef", "--env", "X=1"), bare.command);
    assertEquals(List.of(), bare.env);
    UsageException gid = assertThrows(UsageException.class, () -> build("exec", "-g", "wheel", "c1", "id"));
    assertEquals("invalid value \"wheel\" for flag -additional-gids: expected an integer", gid.getMessage());
  }

  @Test
  void lifecycleVerbsTakeTheId() {
    assertEquals("c1", ((StartCommand) build("start", "c1")).id);
    assertEquals("c1", ((StateCommand) build("state", "c1")).id);
    assertEquals("c1", ((PauseCommand) build("pause", "c1")).id);
    assertEquals("c1", ((ResumeCommand) build("resume", "c1")).id);
    DeleteCommand delete = build("delete", "-f", "c1");
    assertTrue(delete.force);
    assertEquals("c1", delete.id);
    assertFalse(((DeleteCommand) build("delete", "c1")).force);
  }

  @Test
  void killTakesAnOptionalSignalDefaultingToTerm() {
    KillCommand kill = build("kill", SAMPLES.get("kill"));
    assertTrue(kill.all);
    assertEquals("c1", kill.id);
    assertEquals("KILL", kill.signal);
    KillCommand plain = build("kill", "c1");
    assertFalse(plain.all);
    assertEquals("TERM", plain.signal);
  }

  @Test
  void listAndItsAlias() {
    ListCommand list = build("list", SAMPLES.get("list"));
    assertEquals("json", list.format);
    assertTrue(list.quiet);
    ListCommand ls = build("ls", "-f", "table");
    assertEquals("table", ls.format);
    assertFalse(ls.quiet);
    assertEquals("table", ((ListCommand) build("list")).format);
  }

  @Test
  void psPassesItsTrailingArgumentsToPs() {
    PsCommand ps = build("ps", SAMPLES.get("ps"));
    assertEquals("table", ps.format);
    assertEquals("c1", ps.id);
    assertEquals(List.of("-ef"), ps.psOptions);
    PsCommand json = build("ps", "-f", "json", "c1");
    assertEquals("json", json.format);
    assertEquals(List.of(), json.psOptions);
  }

  @Test
  void eventsHasAnIntervalDefaultingToFiveSeconds() {
    EventsCommand events = build("events", SAMPLES.get("events"));
    assertEquals("1s", events.interval);
    assertTrue(events.stats);
    assertEquals("c1", events.id);
    assertEquals("5s", ((EventsCommand) build("events", "c1")).interval);
  }

  @Test
  void specAndCheckReadTheirOptions() {
    SpecCommand spec = build("spec", SAMPLES.get("spec"));
    assertEquals(Path.of("/b"), spec.bundle);
    assertTrue(spec.rootless);
    CheckCommand check = build("check", SAMPLES.get("check"));
    assertEquals(Path.of("/b"), check.bundle);
    assertEquals(CheckCommand.Format.json, check.format);
    assertTrue(check.nodeLabels);
    assertEquals(List.of("va-bits", "elf"), check.gateWarn);
    assertEquals(CheckCommand.Format.text, ((CheckCommand) build("check")).format);
  }

  @Test
  void verbsWithoutOptionsRefuseOne() {
    for (String verb : new String[] {"features", "version", "start", "state", "pause", "resume"}) {
      UsageException e = assertThrows(UsageException.class, () -> build(verb, "--bogus", "c1"));
      assertEquals("flag provided but not defined: -bogus", e.getMessage());
    }
  }
}
