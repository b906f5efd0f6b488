package dev.bramble.oci.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.DefaultSpec;
import java.util.List;
import java.util.stream.Collectors;

/** Valid configs to break in tests, and assertions on problem lists. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The default spec (no cgroup namespace, rootful) as a mutable tree; it validates clean. */
  public static ObjectNode valid() {
    return OciJson.mapper()
        .valueToTree(DefaultSpec.create(new DefaultSpec.Options(false, false, 0, 0)));
  }

  /** The object at a JSON pointer such as "/linux/namespaces/2". */
  public static ObjectNode object(JsonNode root, String pointer) {
    JsonNode node = root.at(pointer);
    assertTrue(node.isObject(), () -> pointer + " is not an object in the test config");
    return (ObjectNode) node;
  }

  /** The array at a JSON pointer. */
  public static ArrayNode array(JsonNode root, String pointer) {
    JsonNode node = root.at(pointer);
    assertTrue(node.isArray(), () -> pointer + " is not an array in the test config");
    return (ArrayNode) node;
  }

  /** Parses a JSON snippet. */
  public static JsonNode json(String text) {
    try {
      return OciJson.mapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("bad JSON in test: " + text, e);
    }
  }

  /** Asserts one problem has exactly {@code path} and a message containing {@code fragment}. */
  public static SpecProblem assertProblem(
      List<SpecProblem> problems, String path, String fragment) {
    for (SpecProblem problem : problems) {
      if (problem.path().equals(path) && problem.message().contains(fragment)) {
        return problem;
      }
    }
    return fail(
        "no problem at "
            + path
            + " containing \""
            + fragment
            + "\"; got:\n  "
            + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n  ")));
  }

  /** Asserts the list is empty, showing the problems if not. */
  public static void assertNoProblems(List<SpecProblem> problems) {
    if (!problems.isEmpty()) {
      fail(
          "expected no problems; got:\n  "
              + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n  ")));
    }
  }
}
