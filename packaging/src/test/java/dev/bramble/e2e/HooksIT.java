package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.testbundles.BusyboxBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The six OCI hook kinds through the real binary: order, the state on stdin, the namespaces they run in, timeouts,
 * and what a failure does (fatal before the user process, logged after); compared with runc on the same bundle.
 */
class HooksIT extends BundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KINDS = List.of("prestart", "createRuntime", "createContainer", "startContainer",
      "poststart", "poststop");

  Path log;

  @BeforeEach
  void setUp() {
    log = tmp.resolve("hooks.log");
  }

  /**
   * A host script that appends one line per run to the log: its kind, namespaces, hostname and the state document.
   * startContainer's path must resolve inside the container, so the same script is also put in the rootfs.
   */
  private Path script(String body) throws Exception {
    Path p = tmp.resolve("hook-" + UUID.randomUUID() + ".sh");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private static final String RECORD = "echo \"$1 mnt=$(readlink /proc/self/ns/mnt) uts=$(readlink /proc/self/ns/uts)"
      + " host=$(hostname) state=$(cat)\" >> ";

  private BusyboxBundle hooked(String name, String args, ObjectNode hooks) {
    return BusyboxBundle.create(tmp.resolve(name)).args("sh", "-c", args).addEnv(marker).hostname("hooked")
        .readonlyRoot(false).editConfig(c -> c.set("hooks", hooks));
  }

  private static ObjectNode hook(Path path, String kind, Integer timeout) {
    ObjectNode h = JSON.createObjectNode().put("path", path.toString());
    h.putArray("args").add(path.getFileName().toString()).add(kind);
    if (timeout != null) {
      h.put("timeout", timeout);
    }
    return h;
  }

  /** Every kind once, recording into {@code out}; startContainer runs the in-rootfs copy writing /hooks.log. */
  private ObjectNode allKinds(Path recorder) {
    ObjectNode hooks = JSON.createObjectNode();
    for (String kind : KINDS) {
      ArrayNode list = hooks.putArray(kind);
      list.add(kind.equals("startContainer") ? hook(Path.of("/record.sh"), kind, 5) : hook(recorder, kind, 5));
    }
    return hooks;
  }

  private List<JsonNode> lifecycle(java.util.function.Function<String[], Cli.Result> runtime, String id, Path b)
      throws Exception {
    Cli.Result create = runtime.apply(new String[] {"create", "--bundle", b.toString(), id});
    assertEquals(0, create.exit(), create.all());
    Cli.Result start = runtime.apply(new String[] {"start", id});
    assertEquals(0, start.exit(), start.all());
    Cli.Result delete = runtime.apply(new String[] {"delete", "--force", id});
    assertEquals(0, delete.exit(), delete.all());
    List<JsonNode> lines = new ArrayList<>();
    List<String> raw = new ArrayList<>(Files.readAllLines(log));
    Path inside = b.resolve("rootfs/hooks.log");
    raw.addAll(Files.exists(inside) ? Files.readAllLines(inside) : List.of());
    for (String line : raw) {
      String[] words = line.split(" ", 5);
      ObjectNode n = JSON.createObjectNode().put("kind", words[0]).put("mnt", words[1].substring(4))
          .put("uts", words[2].substring(4)).put("host", words[3].substring(5));
      n.set("state", JSON.readTree(words[4].substring(6)));
      lines.add(n);
    }
    Files.deleteIfExists(log);
    Files.deleteIfExists(inside);
    return lines;
  }

  private Path bundleWithAllKinds(String name) throws Exception {
    Path recorder = script(RECORD + log);
    bundle = hooked(name, "sleep 30", allKinds(recorder)).build();
    Path inRootfs = bundle.resolve("rootfs/record.sh");
    Files.writeString(inRootfs, "#!/bin/sh\n" + RECORD + "/hooks.log\n");
    Files.setPosixFilePermissions(inRootfs, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bundle;
  }

  @Test
  void allSixKindsRunInOrderInTheirNamespacesWithTheStateOfTheirMoment() throws Exception {
    String id = id("all");
    List<JsonNode> runs = lifecycle(args -> Cli.bramble(root, args), id, bundleWithAllKinds("b"));

    List<String> host = List.of(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString(),
        Files.readSymbolicLink(Path.of("/proc/self/ns/uts")).toString());
    List<String> order = runs.stream().map(r -> r.path("kind").asText()).toList();
    assertEquals(List.of("prestart", "createRuntime", "createContainer", "poststart", "poststop",
        "startContainer"), order, "host-side log, then the one written inside the container");
    for (JsonNode r : runs) {
      String kind = r.path("kind").asText();
      boolean inContainer = kind.equals("createContainer") || kind.equals("startContainer");
      assertEquals(!inContainer, r.path("mnt").asText().equals(host.get(0)), kind + " mount namespace");
      assertEquals(!inContainer, r.path("uts").asText().equals(host.get(1)), kind + " uts namespace");
      JsonNode state = r.path("state");
      assertEquals(id, state.path("id").asText());
      assertEquals(bundle.toString(), state.path("bundle").asText());
      String status = switch (kind) {
        case "prestart", "createRuntime", "createContainer" -> "creating";
        case "startContainer" -> "created";
        case "poststart" -> "running";
        default -> "stopped";
      };
      assertEquals(status, state.path("status").asText(), kind);
    }
    assertEquals(1, runs.get(2).path("state").path("pid").asInt(), "createContainer sees the pid as in the container");
    assertEquals(1, runs.get(5).path("state").path("pid").asInt(), "startContainer too");
    assertTrue(runs.get(0).path("state").path("pid").asInt() > 1, "prestart gets the host pid");
    assertEquals("hooked", runs.get(5).path("host").asText(), "startContainer runs after the hostname is set");
  }

  @Test
  void theHookRunsMatchRuncsOnTheSameBundle() throws Exception {
    assumeTrue(Cli.installed("runc"), "runc not installed");
    Path b = bundleWithAllKinds("b");
    List<JsonNode> ours = lifecycle(args -> Cli.bramble(root, args), id("ours"), b);
    List<JsonNode> theirs = lifecycle(args -> Cli.runc(tmp.resolve("runc-state"), args), "theirs-" + UUID
        .randomUUID().toString().substring(0, 6), b);
    assertEquals(theirs.stream().map(r -> r.path("kind").asText()).toList(),
        ours.stream().map(r -> r.path("kind").asText()).toList());
    for (int i = 0; i < ours.size(); i++) {
      String kind = ours.get(i).path("kind").asText();
      assertEquals(theirs.get(i).path("host").asText(), ours.get(i).path("host").asText(), kind);
      JsonNode a = ours.get(i).path("state");
      JsonNode t = theirs.get(i).path("state");
      if (!kind.equals("poststart")) { // runc 1.1 sends "created" to poststart; the spec says running
        assertEquals(t.path("status"), a.path("status"), kind);
      }
      assertEquals(t.has("pid"), a.has("pid"), kind + " pid presence");
      if (kind.equals("createContainer") || kind.equals("startContainer")) {
        assertEquals(t.path("pid"), a.path("pid"), kind);
      }
    }
  }

  @Test
  void aFailingCreateRuntimeHookFailsCreateAndLeavesNothing() throws Exception {
    String id = id("fail");
    ObjectNode hooks = JSON.createObjectNode();
    hooks.putArray("createRuntime").add(hook(script("echo refused >&2; exit 7"), "createRuntime", null));
    bundle = hooked("b", "sleep 30", hooks).build();

    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), id);

    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("hooks.createRuntime[0]"), r.err());
    assertTrue(r.err().contains("exit status 7"), r.err());
    assertTrue(r.err().contains("refused"), r.err());
    assertNotEquals(0, Cli.bramble(root, "state", id).exit(), "no container remains");
  }

  @Test
  void aHookPastItsTimeoutIsKilledAndFailsCreate() throws Exception {
    String id = id("slow");
    ObjectNode hooks = JSON.createObjectNode();
    hooks.putArray("createContainer").add(hook(script("sleep 30"), "createContainer", 1));
    bundle = hooked("b", "sleep 30", hooks).build();

    long start = System.nanoTime();
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), id);

    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("did not finish within its timeout of 1s"), r.err());
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "did not wait for the hook's sleep");
  }

  @Test
  void aFailingStartContainerHookFailsStartAndStopsTheContainer() throws Exception {
    String id = id("start");
    ObjectNode hooks = JSON.createObjectNode();
    hooks.putArray("startContainer").add(JSON.createObjectNode().put("path", "/bin/false"));
    Path ran = tmp.resolve("poststop-ran");
    hooks.putArray("poststop").add(hook(script("touch " + ran), "poststop", null));
    bundle = hooked("b", "sleep 30", hooks).build();
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), id).exit());

    Cli.Result start = Cli.bramble(root, "start", id);

    assertNotEquals(0, start.exit());
    assertTrue(start.err().contains("hooks.startContainer[0]"), start.err());
    String status = "";
    for (int i = 0; i < 100 && !status.equals("stopped"); i++) {
      status = JSON.readTree(Cli.bramble(root, "state", id).out()).path("status").asText();
      Thread.sleep(50);
    }
    assertEquals("stopped", status);
    assertEquals(0, Cli.bramble(root, "delete", id).exit());
    assertTrue(Files.exists(ran), "delete ran the poststop hooks");
  }

  @Test
  void poststartAndPoststopFailuresAreLoggedNotFatal() throws Exception {
    String id = id("post");
    ObjectNode hooks = JSON.createObjectNode();
    hooks.putArray("poststart").add(hook(script("exit 3"), "poststart", null));
    hooks.putArray("poststop").add(hook(script("exit 4"), "poststop", null));
    bundle = hooked("b", "sleep 30", hooks).build();
    assertEquals(0, Cli.bramble(root, "create", "--bundle", bundle.toString(), id).exit());

    Cli.Result start = Cli.bramble(root, "start", id);
    assertEquals(0, start.exit(), start.all());
    assertEquals("running", JSON.readTree(Cli.bramble(root, "state", id).out()).path("status").asText());

    Cli.Result delete = Cli.bramble(root, "delete", "--force", id);
    assertEquals(0, delete.exit(), delete.all());
    assertTrue(delete.err().contains("hooks.poststop[0]") && delete.err().contains("exit status 4"), delete.err());
  }
}
