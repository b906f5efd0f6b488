package dev.bramble.oci.validation;

/**
 * One problem found in an OCI document.
 *
 * @param file the file the document came from, or null when it was not read from a file
 * @param path JSON path of the offending value, e.g. {@code linux.namespaces[2].type}; empty for
 *     the whole document
 * @param kind what sort of problem it is, for callers that want to branch on it
 * @param message what was found, what is allowed or expected, and a remedy where one helps
 */
public record SpecProblem(String file, String path, Kind kind, String message) {

  /** Problem categories. */
  public enum Kind {
    /** Not JSON at all (reported with line and column). */
    SYNTAX,
    /** A value of the wrong JSON type, or a number out of its type's range. */
    TYPE,
    /** A required field is missing or empty. */
    REQUIRED,
    /** A value outside the allowed set or range. */
    VALUE,
    /** A path that must be absolute is not. */
    PATH,
    /** An entry that must be unique is repeated. */
    DUPLICATE,
    /** Two settings that cannot be combined (e.g. hostname without a UTS namespace). */
    CONTRADICTION,
    /** ociVersion outside the supported range. */
    VERSION,
    /** The file cannot be read. */
    IO
  }

  public SpecProblem {
    path = path == null ? "" : path;
  }

  /** A problem not (yet) tied to a file. */
  public SpecProblem(String path, Kind kind, String message) {
    this(null, path, kind, message);
  }

  /** Returns a copy naming the file the document came from. */
  public SpecProblem inFile(String file) {
    return new SpecProblem(file, path, kind, message);
  }

  /** {@code file: path: message}, leaving out the parts that are not known. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (file != null) {
      text.append(file).append(": ");
    }
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }
}
