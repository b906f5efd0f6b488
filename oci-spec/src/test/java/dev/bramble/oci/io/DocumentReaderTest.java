package dev.bramble.oci.io;

import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.features.Features;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.state.ContainerProcessState;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.oci.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
  @TempDir Path dir;

  @Test
  void stateRoundTripsThroughAFile() throws Exception {
    State state =
        new State(
            "1.2.1", "c1", ContainerStatus.CREATED, 4242, "/run/bundles/c1", Map.of("k", "v"));
    Path file = dir.resolve("state.json");
    SpecWriter.write(state, file);

    assertEquals(state, DocumentReader.read(file, State.class));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    JsonNode tree = OciJson.mapper().readTree(file.toFile());
    assertEquals("created", tree.get("status").asText());
  }

  @Test
  void stateWriteReplacesAtomicallyWithGivenPermissions() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "old");
    State stopped = new State("1.2.1", "c1", ContainerStatus.STOPPED, null, "/b", null);
    SpecWriter.write(stopped, file, PosixFilePermissions.fromString("rw-------"));
    assertEquals(stopped, DocumentReader.read(file, State.class));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temp file left behind");
    }
    assertNull(OciJson.mapper().readTree(file.toFile()).get("pid"), "absent pid omitted");
  }

  @Test
  void unknownStatusIsReportedWithTheAllowedValues() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                DocumentReader.parse(
                    "{\"ociVersion\":\"1.2.1\",\"id\":\"c\",\"status\":\"sleeping\",\"bundle\":\"/b\"}",
                    "state.json",
                    State.class));
    assertProblem(e.problems(), "status", "creating, created, running, stopped, paused");
  }

  @Test
  void pausedAndUnknownStatePropertiesAreKept() throws Exception {
    String json =
        "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"paused\",\"pid\":7,\"bundle\":\"/b\","
            + "\"rootfs\":\"/b/rootfs\",\"created\":\"2024-01-01T00:00:00Z\"}";
    State state = DocumentReader.parse(json, "state.json", State.class);
    assertEquals(ContainerStatus.PAUSED, state.status());
    assertEquals(
        OciJson.mapper().readTree(json), OciJson.mapper().readTree(SpecWriter.toJson(state)));
  }

  @Test
  void containerProcessStateNestsTheState() throws Exception {
    String json =
        "{\"ociVersion\":\"1.2.1\",\"fds\":[\"seccompFd\"],\"pid\":9,\"metadata\":\"m\","
            + "\"state\":{\"ociVersion\":\"1.2.1\",\"id\":\"c\",\"status\":\"creating\",\"bundle\":\"/b\"}}";
    ContainerProcessState cps = DocumentReader.parse(json, "listener", ContainerProcessState.class);
    assertEquals(List.of("seccompFd"), cps.fds());
    assertEquals(ContainerStatus.CREATING, cps.state().status());
  }

  @Test
  void runcFeaturesOutputRoundTrips() throws Exception {
    Path file = SpecRoundTripTest.fixture("runc-features.json");
    Features features = DocumentReader.read(file, Features.class);
    assertEquals("1.0.0", features.ociVersionMin());
    assertEquals(KnownValues.HOOK_NAMES, features.hooks());
    assertTrue(features.linux().namespaces().contains("cgroup"));
    assertTrue(features.linux().seccomp().enabled());
    assertTrue(features.linux().seccomp().actions().contains("SCMP_ACT_NOTIFY"));
    assertTrue(KnownValues.CAPABILITIES.containsAll(features.linux().capabilities()));
    assertEquals(
        OciJson.mapper().readTree(Files.readString(file)),
        OciJson.mapper().readTree(SpecWriter.toJson(features)));
  }

  @Test
  void featuresTypeErrorsArePerField() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                DocumentReader.parse(
                    "{\"ociVersionMin\":1,\"linux\":{\"cgroup\":{\"v2\":\"yes\"},\"namespaces\":\"pid\"}}",
                    "features",
                    Features.class));
    assertProblem(e.problems(), "ociVersionMin", "expected a string");
    assertProblem(e.problems(), "linux.cgroup.v2", "expected a boolean");
    assertProblem(e.problems(), "linux.namespaces", "expected an array of strings");
  }
}
