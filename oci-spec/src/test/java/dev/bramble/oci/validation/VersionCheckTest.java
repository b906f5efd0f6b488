package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static dev.bramble.oci.validation.TestConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.spec.SpecVersion;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionCheckTest {

  private static List<SpecProblem> withVersion(String version) {
    ObjectNode config = valid();
    config.put("ociVersion", version);
    return SpecValidator.validate(config);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0",
        "1.0.1",
        "1.0.2-dev",
        "1.1.0-rc.1",
        "1.1.0",
        "1.2.0",
        "1.2.1",
        "1.2.1+build.5",
        "1.2.99",
        "1.0.0-rc5"
      })
  void supportedVersionsPass(String version) {
    assertTrue(SpecVersion.isSupported(version));
    assertEquals(List.of(), withVersion(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.6.0", "0.9.9-dev", "1.3.0", "1.3.0-rc.1", "2.0.0", "10.0.0"})
  void versionsOutsideTheRangeNameTheRange(String version) {
    SpecProblem problem =
        assertProblem(withVersion(version), "ociVersion", "found \"" + version + "\"");
    assertEquals(Kind.VERSION, problem.kind());
    assertTrue(problem.message().contains(">= 1.0.0 and < 1.3.0"), problem.message());
    assertTrue(problem.message().contains("bramble spec"), problem.message());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "1", "1.2", "v1.2.1", "1.2.1.4", "01.2.1", "latest", "1.2.1-", "1.2.x"})
  void garbageIsNotSemVer(String version) {
    SpecProblem problem = assertProblem(withVersion(version), "ociVersion", "not a SemVer version");
    assertTrue(problem.message().contains("expected MAJOR.MINOR.PATCH"), problem.message());
    assertTrue(problem.message().contains(">= 1.0.0 and < 1.3.0"), problem.message());
  }
}
