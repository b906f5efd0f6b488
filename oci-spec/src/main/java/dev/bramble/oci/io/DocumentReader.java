package dev.bramble.oci.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.validation.TypeChecker;
import dev.bramble.oci.validation.TypeChecker.Checked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the other OCI documents, {@link dev.bramble.oci.state.State} (state.json) and {@link
 * dev.bramble.oci.features.Features}, with syntax and per-field type checking. Unknown properties
 * are kept in each record's extensions.
 */
public final class DocumentReader {
  private DocumentReader() {}

  /** Reads {@code file} as a {@code type}; every problem is reported with the file and path. */
  public static <T extends Record> T read(Path file, Class<T> type) throws SpecException {
    JsonNode tree = JsonDocuments.readTree(file, describe(type));
    return bind(tree, file.toString(), type);
  }

  /** Parses {@code json} as a {@code type}; {@code source} names it in problems. */
  public static <T extends Record> T parse(String json, String source, Class<T> type)
      throws SpecException {
    JsonNode tree =
        JsonDocuments.parseTree(json.getBytes(StandardCharsets.UTF_8), source, describe(type));
    return bind(tree, source, type);
  }

  private static <T extends Record> T bind(JsonNode tree, String source, Class<T> type)
      throws SpecException {
    Checked<T> checked = TypeChecker.check(tree, type);
    if (!checked.problems().isEmpty() || checked.value() == null) {
      throw new SpecException(source, checked.problems());
    }
    return checked.value();
  }

  private static String describe(Class<?> type) {
    return "a JSON object (" + type.getSimpleName() + ")";
  }
}
