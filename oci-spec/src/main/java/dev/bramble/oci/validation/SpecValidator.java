package dev.bramble.oci.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.validation.TypeChecker.Checked;
import java.util.List;

/**
 * Validates config.json and reports every problem it finds, each with its JSON path. Validation
 * runs in two passes: a type pass over the JSON tree (so each mistyped field gets its own problem),
 * then semantic checks over the model built from what was well typed: required fields, closed
 * vocabularies, absolute paths, duplicates, contradictions runc rules out, and the ociVersion
 * range.
 *
 * <p>Checks that need the host (does the rootfs exist, is the kernel new enough, is a netns path
 * the host's) belong to the runtime, not here: this validator is pure.
 */
public final class SpecValidator {
  private SpecValidator() {}

  /** All problems of a parsed config.json tree, in document order; empty when it is valid. */
  public static List<SpecProblem> validate(JsonNode config) {
    return check(config).problems();
  }

  /** All semantic problems of a model (e.g. one built in code); types are already right. */
  public static List<SpecProblem> validate(Spec spec) {
    Problems problems = new Problems();
    checkSemantics(spec, problems);
    return problems.list();
  }

  /**
   * Type-checks and validates {@code config}, returning the model built from its well-typed parts
   * together with all problems. The model is null only when the document is not a JSON object.
   */
  public static Checked<Spec> check(JsonNode config) {
    Problems problems = new Problems();
    Spec spec = TypeChecker.check(config, Spec.class, problems);
    if (spec != null) {
      checkSemantics(spec, problems);
    }
    return new Checked<>(spec, problems.list());
  }

  private static void checkSemantics(Spec spec, Problems problems) {
    DocumentChecks.check(spec, problems);
    ProcessChecks.check(spec.process(), problems);
    NamespaceChecks.check(spec, problems);
    if (spec.linux() != null) {
      LinuxChecks.check(spec.linux(), problems);
      SeccompChecks.check(spec.linux().seccomp(), problems);
    }
  }
}
