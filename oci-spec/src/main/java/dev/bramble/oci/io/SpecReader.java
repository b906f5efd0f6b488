package dev.bramble.oci.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.validation.SpecProblem;
import dev.bramble.oci.validation.SpecValidator;
import dev.bramble.oci.validation.TypeChecker;
import dev.bramble.oci.validation.TypeChecker.Checked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads config.json. {@link #read(Path)} is the fail-closed default: the document must parse, be
 * well typed and pass {@link SpecValidator}; otherwise a {@link SpecException} lists every problem,
 * each with the file and JSON path (syntax errors with line and column).
 */
public final class SpecReader {
  private static final String WHAT = "a config.json object (create one with \"bramble spec\")";

  /** How much checking a read does. */
  public enum Validation {
    /** Syntax, types and all semantic checks. */
    FULL,
    /** Syntax and types only: for tools that inspect or rewrite configs they do not run. */
    TYPES_ONLY
  }

  private SpecReader() {}

  /** Reads and fully validates {@code configJson}. */
  public static Spec read(Path configJson) throws SpecException {
    return read(configJson, Validation.FULL);
  }

  /** Reads {@code configJson} with the given amount of checking. */
  public static Spec read(Path configJson, Validation validation) throws SpecException {
    JsonNode tree = JsonDocuments.readTree(configJson, WHAT);
    return bind(tree, configJson.toString(), validation);
  }

  /** Parses config.json text; {@code source} names it in problems (e.g. a file name). */
  public static Spec parse(String json, String source, Validation validation) throws SpecException {
    JsonNode tree = JsonDocuments.parseTree(json.getBytes(StandardCharsets.UTF_8), source, WHAT);
    return bind(tree, source, validation);
  }

  /** Parses and fully validates config.json text. */
  public static Spec parse(String json, String source) throws SpecException {
    return parse(json, source, Validation.FULL);
  }

  private static Spec bind(JsonNode tree, String source, Validation validation)
      throws SpecException {
    Checked<Spec> checked =
        validation == Validation.FULL
            ? SpecValidator.check(tree)
            : TypeChecker.check(tree, Spec.class);
    List<SpecProblem> problems = checked.problems();
    if (!problems.isEmpty() || checked.value() == null) {
      throw new SpecException(source, problems);
    }
    return checked.value();
  }
}
