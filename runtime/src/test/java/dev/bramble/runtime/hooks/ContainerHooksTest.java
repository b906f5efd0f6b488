package dev.bramble.runtime.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.Hook;
import dev.bramble.oci.spec.Hooks;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kinds run in order with the spec's state; fatal kinds stop at the first failure, the others log and go on. */
class ContainerHooksTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final Logger log = Logger.toStderr(logged, LogFormat.TEXT, false, InstantSource.system());

  private Hook hook(String name, int exit) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\necho \"" + name + " $(cat)\" >> " + dir.resolve("log") + "\nexit " + exit
        + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new Hook(p.toString(), null, null, null);
  }

  private ContainerHooks hooks(Hooks spec) {
    return new ContainerHooks(spec, new HookRunner(new JnaLinuxKernel(Arch.host().syscalls())), log, "c1",
        dir, Map.of("k", "v"));
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(dir.resolve("log"));
  }

  @Test
  void hooksOfAKindRunInOrderWithTheStatusOfTheirMoment() throws IOException {
    ContainerHooks h = hooks(new Hooks(null, List.of(hook("a", 0), hook("b", 0)), null, null,
        List.of(hook("c", 0)), null));

    h.run(HookKind.CREATE_RUNTIME, 123, HookTarget.RUNTIME);
    h.run(HookKind.POSTSTART, 123, HookTarget.RUNTIME);

    List<String> lines = lines();
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("a "), lines.toString());
    assertTrue(lines.get(1).startsWith("b "), lines.toString());
    JsonNode state = OciJson.mapper().readTree(lines.get(0).substring(2));
    assertEquals("creating", state.path("status").asText());
    assertEquals(123, state.path("pid").asInt());
    assertEquals("c1", state.path("id").asText());
    assertEquals(dir.toString(), state.path("bundle").asText());
    assertEquals("v", state.path("annotations").path("k").asText());
    assertEquals("running", OciJson.mapper().readTree(lines.get(2).substring(2)).path("status").asText());
  }

  @Test
  void aFailingFatalHookStopsTheRestOfItsKind() throws IOException {
    ContainerHooks h = hooks(new Hooks(List.of(hook("a", 0), hook("b", 1), hook("c", 0)), null, null, null, null,
        null));

    HookException e = assertThrows(HookException.class, () -> h.run(HookKind.PRESTART, 1, HookTarget.RUNTIME));

    assertTrue(e.getMessage().startsWith("hooks.prestart[1]"), e.getMessage());
    assertEquals(2, lines().size(), "c never ran");
  }

  @Test
  void poststopFailuresAreLoggedAndTheOthersStillRun() throws IOException {
    ContainerHooks h = hooks(new Hooks(null, null, null, null, null, List.of(hook("a", 2), hook("b", 0))));

    h.run(HookKind.POSTSTOP, 0, HookTarget.RUNTIME);

    assertEquals(2, lines().size());
    JsonNode state = OciJson.mapper().readTree(lines().get(1).substring(2));
    assertEquals("stopped", state.path("status").asText());
    assertTrue(state.path("pid").isMissingNode(), "no pid once the container is gone, as runc sends it");
    assertTrue(logged.toString(StandardCharsets.UTF_8).contains("hooks.poststop[0]"), logged.toString());
  }

  @Test
  void theKindsCarryTheSpecsRules() {
    assertEquals(List.of(false, false, true, true, false, false),
        List.of(HookKind.values()).stream().map(HookKind::inContainer).toList());
    assertEquals(List.of(true, true, true, true, false, false),
        List.of(HookKind.values()).stream().map(HookKind::fatal).toList());
    assertEquals("startContainer", HookKind.START_CONTAINER.specName());
  }
}
