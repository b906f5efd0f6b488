package dev.bramble.testbundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.validation.SpecProblem;
import dev.bramble.testbundles.ConfigCorpus.Entry;
import dev.bramble.testbundles.ConfigCorpus.Expectation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid corpus file is rejected with exactly its expected problems; valid ones pass. */
class ConfigCorpusTest {

  static Stream<Entry> invalid() {
    return ConfigCorpus.invalid().stream();
  }

  static Stream<Entry> valid() {
    return ConfigCorpus.valid().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidConfigIsRejectedWithItsPathsAndMessages(Entry entry) {
    SpecException e =
        assertThrows(
            SpecException.class, () -> SpecReader.parse(entry.json(), entry.name() + ".json"));
    List<SpecProblem> unmatched = new ArrayList<>(e.problems());
    for (Expectation expected : entry.expected()) {
      SpecProblem match =
          unmatched.stream()
              .filter(p -> p.path().equals(expected.path()))
              .filter(p -> p.message().contains(expected.messageFragment()))
              .findFirst()
              .orElseGet(
                  () ->
                      fail(
                          entry.name()
                              + ": expected "
                              + expected
                              + "\nbut got:\n"
                              + e.getMessage()));
      unmatched.remove(match);
      assertEquals(entry.name() + ".json", match.file());
    }
    assertTrue(
        unmatched.isEmpty(), () -> entry.name() + ": unexpected extra problems " + unmatched);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validConfigPasses(Entry entry) throws Exception {
    SpecReader.parse(entry.json(), entry.name() + ".json");
  }

  @Test
  void corpusCoversEveryCategoryAndIsLargeEnough() {
    Set<String> categories =
        ConfigCorpus.invalid().stream()
            .map(entry -> entry.name().replaceFirst("^\\d+-", "").replaceFirst("-.*", ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            List.of(
                "syntax",
                "type",
                "required",
                "enum",
                "path",
                "duplicate",
                "contradiction",
                "version",
                "many")),
        categories);
    assertTrue(ConfigCorpus.invalid().size() >= 25);
    assertTrue(
        ConfigCorpus.invalid().stream().anyMatch(entry -> entry.expected().size() >= 5),
        "one entry must check that all problems are reported at once");
  }

  @Test
  void indexListsEveryFileInTheCorpusDirectory() throws Exception {
    for (String dir : List.of("invalid-configs", "valid-configs")) {
      Path root =
          Paths.get(ConfigCorpus.class.getResource("/" + dir + "/index.txt").toURI()).getParent();
      Set<String> onDisk;
      try (Stream<Path> files = Files.list(root)) {
        onDisk =
            files
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".json"))
                .map(n -> n.substring(0, n.length() - ".json".length()))
                .collect(Collectors.toCollection(TreeSet::new));
      }
      List<Entry> entries =
          dir.startsWith("invalid") ? ConfigCorpus.invalid() : ConfigCorpus.valid();
      assertEquals(
          onDisk,
          entries.stream().map(Entry::name).collect(Collectors.toCollection(TreeSet::new)),
          dir);
    }
  }

  @Test
  void expectFilesAreStrictAboutTheirFormat() {
    assertEquals(
        List.of(new Expectation("", "line 3"), new Expectation("a.b", "x: y")),
        ConfigCorpus.parseExpect("t", "# c\npath:\nmessage: line 3\npath: a.b\nmessage: x: y\n"));
    assertThrows(IllegalStateException.class, () -> ConfigCorpus.parseExpect("t", "path: a\n"));
    assertThrows(IllegalStateException.class, () -> ConfigCorpus.parseExpect("t", "message: m\n"));
    assertThrows(IllegalStateException.class, () -> ConfigCorpus.parseExpect("t", "# only\n"));
  }
}
