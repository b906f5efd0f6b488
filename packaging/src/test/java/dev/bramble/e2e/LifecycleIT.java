package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OCI lifecycle verbs, alone and compared field by field with runc on the same bundle. */
class LifecycleIT extends BundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void setUp() throws Exception {
    bundle = BusyboxBundle.create(tmp.resolve("bundle")).args("sh", "-c", "echo started; sleep 60")
        .addEnv(marker).annotation("org.example/purpose", "lifecycle").build();
  }

  /** One lifecycle pass with any runc-compatible binary; returns the state documents seen on the way. */
  private static List<JsonNode> lifecycle(java.util.function.Function<String[], Cli.Result> runtime, Path bundle,
      String id) throws Exception {
    List<JsonNode> states = new ArrayList<>();
    Cli.Result create = runtime.apply(new String[] {"create", "--bundle", bundle.toString(), id});
    assertEquals(0, create.exit(), create.all());
    states.add(JSON.readTree(runtime.apply(new String[] {"state", id}).out()));
    assertEquals(0, runtime.apply(new String[] {"start", id}).exit());
    states.add(JSON.readTree(runtime.apply(new String[] {"state", id}).out()));
    assertEquals(0, runtime.apply(new String[] {"kill", id, "KILL"}).exit());
    JsonNode stopped = null;
    for (int i = 0; i < 100; i++) {
      stopped = JSON.readTree(runtime.apply(new String[] {"state", id}).out());
      if (stopped.get("status").asText().equals("stopped")) {
        break;
      }
      Thread.sleep(50);
    }
    states.add(stopped);
    Cli.Result delete = runtime.apply(new String[] {"delete", id});
    assertEquals(0, delete.exit(), delete.all());
    assertNotEquals(0, runtime.apply(new String[] {"state", id}).exit(), "gone after delete");
    return states;
  }

  @Test
  void createStateStartStateKillStateDelete() throws Exception {
    List<JsonNode> states = lifecycle(args -> Cli.bramble(root, args), bundle, "life");
    assertEquals(List.of("created", "running", "stopped"),
        states.stream().map(s -> s.get("status").asText()).toList());
    JsonNode created = states.get(0);
    assertEquals("life", created.get("id").asText());
    assertEquals(bundle.toString(), created.get("bundle").asText());
    assertEquals("lifecycle", created.get("annotations").get("org.example/purpose").asText());
    int pid = created.get("pid").asInt();
    assertTrue(pid > 1);
    assertEquals(pid, states.get(1).get("pid").asInt(), "start runs the entrypoint in the created init");
  }

  @Test
  void stateDocumentsMatchRuncFieldByField() throws Exception {
    assumeTrue(Cli.installed("runc"), "runc not installed");
    List<JsonNode> ours = lifecycle(args -> Cli.bramble(root, args), bundle, "diff-b");
    Path runcRoot = tmp.resolve("runc-state");
    List<JsonNode> theirs = lifecycle(args -> Cli.runc(runcRoot, args), bundle, "diff-r");
    for (int i = 0; i < ours.size(); i++) {
      Map<String, String> a = comparable(ours.get(i));
      Map<String, String> b = comparable(theirs.get(i));
      assertEquals(b.keySet(), a.keySet(), "same fields at step " + i);
      for (String field : List.of("status", "bundle", "rootfs", "annotations")) {
        assertEquals(b.get(field), a.get(field), field + " at step " + i);
      }
      assertEquals(b.get("pid").equals("0"), a.get("pid").equals("0"), "pid presence at step " + i);
    }
  }

  /** Field → value text, with the values that must differ between runtimes (ids, pids, times) kept apart. */
  private static Map<String, String> comparable(JsonNode state) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("ociVersion") && !f.equals("id") && !f.equals("created") && !f.equals("owner")) {
        out.put(f, state.get(f).toString().replace("\"", ""));
      }
    }
    return out;
  }

  @Test
  void twoConcurrentCreatesOfOneIdExactlyOneWins() throws Exception {
    CompletableFuture<Cli.Result> a = CompletableFuture.supplyAsync(
        () -> Cli.bramble(root, "create", "--bundle", bundle.toString(), "race"));
    CompletableFuture<Cli.Result> b = CompletableFuture.supplyAsync(
        () -> Cli.bramble(root, "create", "--bundle", bundle.toString(), "race"));
    List<Cli.Result> results = List.of(a.join(), b.join());
    assertEquals(1, results.stream().filter(r -> r.exit() == 0).count(), results.toString());
    Cli.Result loser = results.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
    assertTrue(loser.err().contains("already exists"), loser.err());
    assertEquals("created", JSON.readTree(Cli.bramble(root, "state", "race").out()).get("status").asText(),
        "the winner is intact");
    assertEquals(0, Cli.bramble(root, "delete", "--force", "race").exit());
  }

  @Test
  void wrongStateErrorsNameCurrentAndRequiredStatus() throws Exception {
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "ws").exit());
    assertEquals(0, Cli.bramble(root, "start", "ws").exit());
    Cli.Result again = Cli.bramble(root, "start", "ws");
    assertEquals(1, again.exit());
    // the log line quotes the message logrus-style (\"ws\"), so match around the id
    assertTrue(again.err().contains("cannot start container") && again.err().contains("ws")
        && again.err().contains("it is running, and start needs it created"), again.err());
    Cli.Result delete = Cli.bramble(root, "delete", "ws");
    assertTrue(delete.err().contains("not stopped: it is running"), delete.err());
    assertEquals(0, Cli.bramble(root, "delete", "--force", "ws").exit(), "delete --force kills a running one");
  }

  @Test
  void aCreatedContainerCanBeKilledAndDeleted() throws Exception {
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "ck").exit());
    assertEquals(0, Cli.bramble(root, "kill", "ck", "TERM").exit());
    String status = "";
    for (int i = 0; i < 100 && !status.equals("stopped"); i++) {
      status = JSON.readTree(Cli.bramble(root, "state", "ck").out()).get("status").asText();
      Thread.sleep(50);
    }
    assertEquals("stopped", status);
    assertEquals(0, Cli.bramble(root, "delete", "ck").exit());
  }

  @Test
  void deletingACreatedContainerKillsItAsRuncDoes() throws Exception {
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "cd").exit());
    Cli.Result delete = Cli.bramble(root, "delete", "cd");
    assertEquals(0, delete.exit(), delete.all());
  }

  @Test
  void runReturnsTheExitOfAContainerKilledFromOutside() throws Exception {
    CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
        () -> Cli.bramble(root, "run", "--bundle", bundle.toString(), "killed"));
    for (int i = 0; i < 200; i++) {
      Cli.Result s = Cli.bramble(root, "state", "killed");
      if (s.exit() == 0 && JSON.readTree(s.out()).get("status").asText().equals("running")) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(0, Cli.bramble(root, "kill", "killed", "KILL").exit());
    Cli.Result r = run.join();
    assertEquals(137, r.exit(), r.all());
    assertEquals("started\n", r.out());
  }

  @Test
  void listAndPsShowTheContainer() throws Exception {
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), "lp").exit());
    assertEquals(0, Cli.bramble(root, "start", "lp").exit());
    JsonNode list = JSON.readTree(Cli.bramble(root, "list", "--format", "json").out());
    assertEquals("lp", list.get(0).get("id").asText());
    assertEquals("running", list.get(0).get("status").asText());
    String table = Cli.bramble(root, "list").out();
    assertTrue(table.startsWith("ID") && table.contains("lp") && table.contains("running"), table);
    JsonNode pids = JSON.readTree(Cli.bramble(root, "ps", "--format", "json", "lp").out());
    assertEquals(list.get(0).get("pid").asInt(), pids.get(0).asInt());
    assertTrue(Files.exists(Path.of("/proc", pids.get(0).asText())));
    assertEquals(0, Cli.bramble(root, "delete", "--force", "lp").exit());
  }
}
