package dev.bramble.oci.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer agree with Jackson's ObjectMapper on every fixture and on the corner cases. */
class JsonTreesTest {
  private static final List<String> FIXTURES = List.of("runc-spec.json", "crun-spec.json", "containerd-ctr-run.json",
      "crun-spec-rootless.json", "full-spec.json", "runc-spec-rootless.json", "runc-features.json");

  private static final String CORNERS = """
      {"int": 7, "negative": -2147483649, "long": 9223372036854775807, "uint64": 18446744073709551615,
       "float": 1.5, "exp": 1e-7, "big": 12345678901234567890.5, "unicode": "héllo \\u2603 \\"q\\" \\\\ \\n",
       "empty": {}, "none": [], "nested": [[1, {"a": null}], true, false], "": "empty key"}
      """;

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = JsonTreesTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void parsesWhatObjectMapperParsesAndWritesWhatItWrites() throws IOException {
    List<byte[]> documents = new java.util.ArrayList<>();
    for (String name : FIXTURES) {
      documents.add(fixture(name));
    }
    documents.add(CORNERS.getBytes(StandardCharsets.UTF_8));
    for (byte[] json : documents) {
      JsonNode jackson = OciJson.mapper().readTree(json);
      JsonNode ours = JsonTrees.parse(json, true);
      assertEquals(jackson, ours);
      assertEquals(OciJson.prettyWriter().writeValueAsString(jackson), JsonTrees.pretty(ours));
      assertArrayEquals(OciJson.mapper().writeValueAsBytes(jackson), JsonTrees.bytes(ours));
    }
  }

  @Test
  void numbersKeepJacksonsNodeTypes() throws IOException {
    JsonNode tree = JsonTrees.parse(CORNERS.getBytes(StandardCharsets.UTF_8), true);
    assertTrue(tree.get("int").isInt());
    assertTrue(tree.get("negative").isLong());
    assertTrue(tree.get("uint64").isBigInteger());
    assertTrue(tree.get("float").isDouble());
  }

  @Test
  void strictRefusesDuplicatesAndTrailingTextWithTheirLocation() {
    JsonParseException dup = assertThrows(JsonParseException.class,
        () -> JsonTrees.parse("{\"a\": 1,\n \"a\": 2}".getBytes(StandardCharsets.UTF_8), true));
    assertTrue(dup.getOriginalMessage().contains("Duplicate field 'a'"), dup.getMessage());
    assertEquals(2, dup.getLocation().getLineNr());
    JsonParseException trailing = assertThrows(JsonParseException.class,
        () -> JsonTrees.parse("{} []".getBytes(StandardCharsets.UTF_8), true));
    assertTrue(trailing.getOriginalMessage().contains("Trailing token"), trailing.getMessage());
  }

  @Test
  void lenientKeepsTheLastDuplicateAsJacksonDoes() throws IOException {
    byte[] json = "{\"a\": 1, \"a\": 2} ".getBytes(StandardCharsets.UTF_8);
    assertEquals(OciJson.mapper().readTree(json), JsonTrees.parse(json, false));
    assertEquals(2, JsonTrees.parse(json, false).get("a").intValue());
  }

  @Test
  void emptyInputIsMissingAndBrokenInputFails() throws IOException {
    assertTrue(JsonTrees.parse(new byte[0], true).isMissingNode());
    assertTrue(JsonTrees.parse("  \n".getBytes(StandardCharsets.UTF_8), true).isMissingNode());
    assertThrows(JsonParseException.class, () -> JsonTrees.parse("{\"a\": }".getBytes(StandardCharsets.UTF_8), true));
    assertThrows(IOException.class, () -> JsonTrees.parse("[1, 2".getBytes(StandardCharsets.UTF_8), false));
  }
}
