package dev.bramble.oci.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.features.Features;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.oci.state.State;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component walk writes exactly what Jackson's serializers write: same properties, same order, same text. */
class RecordTreesTest {
  private static final List<String> SPECS = List.of("runc-spec.json", "crun-spec.json", "containerd-ctr-run.json",
      "crun-spec-rootless.json", "full-spec.json", "runc-spec-rootless.json");

  private static <T> T fixture(String name, Class<T> type) throws IOException {
    try (InputStream in = RecordTreesTest.class.getResourceAsStream("/fixtures/" + name)) {
      return OciJson.mapper().readValue(in, type);
    }
  }

  private static void assertSameAsJackson(Object value, String what) throws IOException {
    String jackson = OciJson.prettyWriter().writeValueAsString(value);
    String ours = OciJson.prettyWriter().writeValueAsString(RecordTrees.toTree(value));
    assertEquals(jackson, ours, what);
  }

  @Test
  void everySpecFixtureAndTheDefaultSpecComeOutAsJacksonWritesThem() throws IOException {
    for (String name : SPECS) {
      assertSameAsJackson(fixture(name, Spec.class), name);
    }
    assertSameAsJackson(DefaultSpec.create(false), "default spec");
    assertSameAsJackson(DefaultSpec.create(true), "rootless default spec");
  }

  @Test
  void featuresAndStatesIncludingListsOfThem() throws IOException {
    assertSameAsJackson(fixture("runc-features.json", Features.class), "runc features");
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("b", "2");
    annotations.put("a", "1");
    State running = new State("1.2.0", "c1", ContainerStatus.RUNNING, 42, "/b", annotations,
        Map.of("rootfs", OciJson.mapper().getNodeFactory().textNode("/b/rootfs")));
    State stopped = new State("1.2.0", "c2", ContainerStatus.STOPPED, 0, "/b", Map.of(), Map.of());
    assertSameAsJackson(running, "state with extensions");
    assertSameAsJackson(List.of(running, stopped), "a list of states");
  }

  /** A record outside the OCI models: primitives, nulls written (no NON_NULL), uint64 above Long.MAX_VALUE. */
  record Plain(int n, long big, boolean flag, String absent, @Uint64 Long unsigned, List<Integer> numbers) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sparse(String a, String absent, Plain nested) {}

  @Test
  void primitivesNullsAndUnsignedLongsAsJackson() throws IOException {
    Plain plain = new Plain(-3, Long.MIN_VALUE, true, null, -1L, List.of(1, 2));
    assertSameAsJackson(plain, "plain");
    assertSameAsJackson(new Sparse("x", null, plain), "sparse");
    JsonNode tree = RecordTrees.toTree(plain);
    assertEquals("18446744073709551615", tree.get("unsigned").asText(), "uint64 max from its bit pattern");
  }
}
