package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static dev.bramble.oci.validation.TestConfigs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.validation.SpecProblem.Kind;
import dev.bramble.oci.validation.TypeChecker.Checked;
import org.junit.jupiter.api.Test;

class TypeCheckerTest {

  private static Checked<Spec> check(String config) {
    return TypeChecker.check(json(config), Spec.class);
  }

  @Test
  void eachWrongTypeIsItsOwnProblem() {
    Checked<Spec> checked =
        check(
            """
{"ociVersion": "1.2.1",
 "process": {"terminal": "true", "user": {"uid": "0", "gid": 0.5}, "args": "sh",
             "oomScoreAdj": "high", "rlimits": [{"type": "RLIMIT_NOFILE", "hard": "1024"}]},
 "linux": {"namespaces": {"type": "pid"}, "sysctl": {"a": 1}}}
""");
    var problems = checked.problems();
    assertProblem(problems, "process.terminal", "found a string (\"true\"); expected a boolean");
    assertProblem(problems, "process.user.uid", "expected an unsigned integer (uint32");
    assertProblem(problems, "process.user.gid", "found a number (0.5)");
    assertProblem(problems, "process.args", "expected an array of strings");
    assertProblem(problems, "process.oomScoreAdj", "expected an integer (int32)");
    assertProblem(problems, "process.rlimits[0].hard", "expected an unsigned integer (uint64");
    assertProblem(problems, "linux.namespaces", "expected an array of objects");
    assertProblem(problems, "linux.sysctl[\"a\"]", "expected a string");
    assertEquals(8, problems.size(), problems::toString);
    problems.forEach(p -> assertEquals(Kind.TYPE, p.kind()));
    // the well-typed rest is still bound
    assertEquals("RLIMIT_NOFILE", checked.value().process().rlimits().get(0).type());
  }

  @Test
  void rangesFollowTheGoTypes() {
    var problems =
        check(
                """
{"ociVersion": "1.2.1",
 "process": {"user": {"uid": -1, "gid": 4294967296, "additionalGids": [1, -2]},
             "rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551616, "soft": -1}],
             "oomScoreAdj": 2147483648},
 "linux": {"resources": {"blockIO": {"weight": 70000},
                         "memory": {"limit": 9223372036854775808}}}}
""")
            .problems();
    assertProblem(problems, "process.user.uid", "found -1");
    assertProblem(problems, "process.user.gid", "found 4294967296");
    assertProblem(problems, "process.user.additionalGids[1]", "uint32");
    assertProblem(problems, "process.rlimits[0].hard", "found 18446744073709551616");
    assertProblem(problems, "process.rlimits[0].soft", "found -1");
    assertProblem(problems, "process.oomScoreAdj", "int32");
    assertProblem(problems, "linux.resources.blockIO.weight", "uint16");
    assertProblem(problems, "linux.resources.memory.limit", "int64");
    assertEquals(8, problems.size(), problems::toString);
  }

  @Test
  void uint64MaximumIsAcceptedAsAllOnesBitPattern() {
    Checked<Spec> checked =
        check(
            "{\"ociVersion\":\"1.2.1\",\"process\":{\"rlimits\":[{\"type\":\"RLIMIT_CORE\","
                + "\"hard\":18446744073709551615,\"soft\":9223372036854775808}]}}");
    assertTrue(checked.problems().isEmpty(), checked.problems()::toString);
    var rlimit = checked.value().process().rlimits().get(0);
    assertEquals(-1L, rlimit.hard());
    assertEquals(Long.MIN_VALUE, rlimit.soft());
  }

  @Test
  void nullMeansAbsentForFieldsButNotForArrayElements() {
    Checked<Spec> checked =
        check(
            "{\"ociVersion\":\"1.2.1\",\"hostname\":null,"
                + "\"process\":{\"args\":[\"sh\",null,\"-c\"],\"cwd\":\"/\"}}");
    assertNull(checked.value().hostname());
    assertProblem(checked.problems(), "process.args[1]", "found null; expected a string");
    assertEquals(1, checked.problems().size());
    // indices stay stable: the bad element became null
    assertEquals("-c", checked.value().process().args().get(2));
  }

  @Test
  void badArrayElementsKeepLaterIndicesStable() {
    var problems =
        SpecValidator.validate(
            json(
                """
                {"ociVersion": "1.2.1", "root": {"path": "rootfs"},
                 "mounts": ["not-a-mount", {"destination": "relative"}]}
                """));
    assertProblem(problems, "mounts[0]", "expected an object");
    assertProblem(problems, "mounts[1].destination", "absolute");
  }

  @Test
  void unknownPropertiesAreNotTypeChecked() {
    Checked<Spec> checked =
        check("{\"ociVersion\":\"1.2.1\",\"vendor\":{\"anything\":[1,\"x\",null]}}");
    assertTrue(checked.problems().isEmpty());
    assertNotNull(checked.value().extensions().get("vendor"));
  }

  @Test
  void notAnObjectGivesNoModel() {
    Checked<Spec> checked = check("\"just a string\"");
    assertNull(checked.value());
    assertProblem(checked.problems(), "", "found a string");
  }
}
