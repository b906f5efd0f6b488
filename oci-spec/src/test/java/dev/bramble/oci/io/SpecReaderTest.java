package dev.bramble.oci.io;

import static dev.bramble.oci.validation.TestConfigs.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.io.SpecReader.Validation;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.validation.SpecProblem;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {
  @TempDir Path dir;

  private Path write(String json) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void syntaxErrorReportsLineAndColumnAndFile() throws Exception {
    Path file = write("{\n  \"ociVersion\": \"1.2.1\",\n  \"root\": {\"path\": \"rootfs\",}\n}\n");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    SpecProblem problem = e.problems().get(0);
    assertEquals(Kind.SYNTAX, problem.kind());
    assertTrue(problem.message().contains("line 3, column"), problem.message());
    assertEquals(file.toString(), problem.file());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
  }

  @Test
  void duplicateKeysAreRejectedWithTheirLocation() throws Exception {
    Path file = write("{\"ociVersion\": \"1.2.1\",\n\"ociVersion\": \"1.0.0\"}");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("ociVersion"), e.getMessage());
  }

  @Test
  void trailingGarbageIsRejected() throws Exception {
    Path file = write("{\"ociVersion\": \"1.2.1\"} {}");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    assertEquals(Kind.SYNTAX, e.problems().get(0).kind());
  }

  @Test
  void emptyFileIsAClearProblem() throws Exception {
    Path file = write("");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    assertTrue(e.getMessage().contains("empty document"), e.getMessage());
  }

  @Test
  void missingFileNamesTheFileAndTheRemedy() {
    Path file = dir.resolve("nope/config.json");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    assertEquals(Kind.IO, e.problems().get(0).kind());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("bramble spec"), e.getMessage());
  }

  @Test
  void aDirectoryIsNotAConfigFile() {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(dir));
    assertEquals(Kind.IO, e.problems().get(0).kind());
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAndNamesTheFile() throws Exception {
    Path file =
        write(
            """
            {"ociVersion": "0.9.0",
             "process": {"args": [], "cwd": "tmp", "terminal": "yes"},
             "root": {"path": 7},
             "linux": {"namespaces": [{"type": "pid"}, {"type": "pid"}]}}
            """);
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(file));
    var problems = e.problems();
    assertProblem(problems, "process.terminal", "expected a boolean");
    assertProblem(problems, "root.path", "expected a string");
    assertProblem(problems, "ociVersion", "0.9.0");
    assertProblem(problems, "process.args", "must not be empty");
    assertProblem(problems, "process.cwd", "absolute");
    assertProblem(problems, "linux.namespaces[1].type", "duplicate namespace");
    assertEquals(6, problems.size(), e.getMessage());
    problems.forEach(p -> assertEquals(file.toString(), p.file()));
    assertTrue(e.getMessage().contains("6 problems"), e.getMessage());
  }

  @Test
  void typesOnlySkipsSemanticChecksButNotTypeChecks() throws Exception {
    Path file = write("{\"ociVersion\": \"9.9.9\", \"process\": {\"args\": [], \"cwd\": \"x\"}}");
    Spec spec = SpecReader.read(file, Validation.TYPES_ONLY);
    assertEquals("9.9.9", spec.ociVersion());

    Path bad = write("{\"ociVersion\": 9}");
    SpecException e =
        assertThrows(SpecException.class, () -> SpecReader.read(bad, Validation.TYPES_ONLY));
    assertProblem(e.problems(), "ociVersion", "expected a string");
  }

  @Test
  void nonObjectDocumentIsATypeProblem() {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parse("[1]", "inline"));
    assertProblem(e.problems(), "", "expected an object");
    assertEquals("inline", e.file());
  }
}
