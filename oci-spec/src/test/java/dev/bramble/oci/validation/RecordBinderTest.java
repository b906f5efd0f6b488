package dev.bramble.oci.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reflective binder builds exactly the records Jackson builds, on every real fixture. */
class RecordBinderTest {
  private static final List<String> FIXTURES = List.of("runc-spec.json", "crun-spec.json",
      "containerd-ctr-run.json", "crun-spec-rootless.json", "full-spec.json", "runc-spec-rootless.json");

  @Test
  void bindsWhatJacksonBinds() throws IOException {
    int checked = 0;
    for (String name : FIXTURES) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
        if (in == null) {
          continue;
        }
        JsonNode tree = OciJson.mapper().readTree(in);
        assertEquals(OciJson.mapper().treeToValue(tree, Spec.class), RecordBinder.bind(tree, Spec.class), name);
        checked++;
      }
    }
    assertEquals(FIXTURES.size(), checked, "every fixture present");
  }
}
