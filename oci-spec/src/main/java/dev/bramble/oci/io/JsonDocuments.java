package dev.bramble.oci.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.JsonTrees;
import dev.bramble.oci.validation.SpecProblem;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a file into a JSON tree, turning every failure into a {@link SpecException}. */
final class JsonDocuments {
  private JsonDocuments() {}

  static JsonNode readTree(Path file, String what) throws SpecException {
    if (Files.isDirectory(file)) {
      throw ioProblem(file, "is a directory; expected the path of a file holding " + what);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ioProblem(file, "no such file; expected " + what);
    } catch (AccessDeniedException e) {
      throw ioProblem(file, "permission denied reading " + what);
    } catch (IOException e) {
      throw ioProblem(file, "cannot read " + what + ": " + e.getMessage());
    }
    return parseTree(bytes, file.toString(), what);
  }

  static JsonNode parseTree(byte[] json, String source, String what) throws SpecException {
    JsonNode tree;
    try {
      tree = JsonTrees.parse(json, true); // duplicate keys and trailing text refused
    } catch (JsonProcessingException e) {
      throw new SpecException(source, List.of(syntaxProblem(e)));
    } catch (IOException e) {
      throw new SpecException(source, List.of(new SpecProblem("", Kind.IO, e.getMessage())));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new SpecException(
          source, List.of(new SpecProblem("", Kind.SYNTAX, "empty document; expected " + what)));
    }
    return tree;
  }

  private static SpecException ioProblem(Path file, String message) {
    return new SpecException(file.toString(), List.of(new SpecProblem("", Kind.IO, message)));
  }

  private static SpecProblem syntaxProblem(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new SpecProblem("", Kind.SYNTAX, "invalid JSON" + where + ": " + e.getOriginalMessage());
  }
}
