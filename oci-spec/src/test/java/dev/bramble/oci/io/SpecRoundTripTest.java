package dev.bramble.oci.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.io.SpecReader.Validation;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * parse, write, parse again: the JSON trees must be equal. The fixtures are real outputs of the
 * installed runc and crun ({@code spec} and {@code spec --rootless}), a config.json captured from a
 * containerd bundle (see fixtures/README.md), and a hand-written config using every modelled field
 * plus unknown properties at several levels.
 */
class SpecRoundTripTest {

  static Path fixture(String name) throws Exception {
    return Paths.get(SpecRoundTripTest.class.getResource("/fixtures/" + name).toURI());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "runc-spec.json",
        "runc-spec-rootless.json",
        "crun-spec.json",
        "crun-spec-rootless.json",
        "containerd-ctr-run.json",
        "full-spec.json"
      })
  void roundTripKeepsEveryProperty(String name) throws Exception {
    Path file = fixture(name);
    JsonNode original = OciJson.mapper().readTree(Files.readString(file));

    Spec spec = SpecReader.read(file, Validation.TYPES_ONLY);
    String written = SpecWriter.toJson(spec);

    assertEquals(
        original, OciJson.mapper().readTree(written), () -> name + " rewritten as\n" + written);
    // and the model is stable under a second round
    assertEquals(spec, SpecReader.parse(written, name, Validation.TYPES_ONLY));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "runc-spec.json",
        "runc-spec-rootless.json",
        "crun-spec.json",
        "containerd-ctr-run.json",
        "full-spec.json"
      })
  void realConfigsPassFullValidation(String name) throws Exception {
    assertEquals(
        SpecReader.read(fixture(name), Validation.TYPES_ONLY), SpecReader.read(fixture(name)));
  }

  @Test
  void crunRootlessLeavesMappingsToTheRuntimeWhichRuncRejects() throws Exception {
    // crun fills in the mappings at run time; runc (and bramble) want them in config.json
    SpecException e =
        assertThrows(
            SpecException.class, () -> SpecReader.read(fixture("crun-spec-rootless.json")));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("linux.namespaces[4]", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("no namespace path to join nor mappings"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc-spec.json", "full-spec.json"})
  void writerUsesTwoSpaceIndentAndGoSeparators(String name) throws Exception {
    String written = SpecWriter.toJson(SpecReader.read(fixture(name)));
    assertTrue(written.startsWith("{\n  \"ociVersion\": \""), written);
    assertTrue(written.contains("\n    \"args\": [\n      \""), written);
    assertFalse(written.contains(" : "), "Jackson's default \" : \" separator leaked");
    assertFalse(written.contains("\t"), "no tabs");
    assertFalse(written.endsWith("\n"), "no trailing newline, like runc");
  }
}
