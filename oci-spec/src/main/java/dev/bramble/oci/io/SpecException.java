package dev.bramble.oci.io;

import dev.bramble.oci.validation.SpecProblem;
import java.io.IOException;
import java.util.List;

/**
 * An OCI document (config.json, state.json, features) that cannot be used, with every problem found
 * in it. Each problem names the file and the JSON path.
 */
public final class SpecException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final transient List<SpecProblem> problems;

  public SpecException(String file, List<SpecProblem> problems) {
    super(render(file, problems));
    this.file = file;
    this.problems = problems.stream().map(p -> p.inFile(file)).toList();
  }

  /** The file (or source name) the document came from. */
  public String file() {
    return file;
  }

  /** Every problem, in document order, each carrying {@link #file()}. Never empty. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String render(String file, List<SpecProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).inFile(file).toString();
    }
    StringBuilder text =
        new StringBuilder(file).append(": ").append(problems.size()).append(" problems:");
    for (SpecProblem problem : problems) {
      text.append("\n  ").append(problem.inFile(file));
    }
    return text.toString();
  }
}
