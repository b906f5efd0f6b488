package dev.bramble.oci.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.validation.SpecProblem.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems and words them consistently: what is wrong, what was found, what is expected,
 * and how to fix it. A semantic problem at or below a path that already has a type problem is
 * dropped: the type problem explains it.
 */
final class Problems {
  private final List<SpecProblem> problems = new ArrayList<>();

  List<SpecProblem> list() {
    return List.copyOf(problems);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  void add(String path, Kind kind, String message) {
    if (kind != Kind.TYPE) {
      for (SpecProblem existing : problems) {
        if (existing.kind() == Kind.TYPE && JsonPath.isWithin(path, existing.path())) {
          return;
        }
      }
    }
    problems.add(new SpecProblem(path, kind, message));
  }

  void addAll(List<SpecProblem> more) {
    more.forEach(problem -> add(problem.path(), problem.kind(), problem.message()));
  }

  void wrongType(String path, JsonNode found, String expected) {
    add(path, Kind.TYPE, "wrong type: found " + describe(found) + "; expected " + expected);
  }

  void missing(String path, String expected) {
    add(path, Kind.REQUIRED, "required field is missing; expected " + expected);
  }

  void empty(String path, String expected) {
    add(path, Kind.REQUIRED, "must not be empty; expected " + expected);
  }

  /** An unknown member of a closed vocabulary, with a "did you mean" when a typo is likely. */
  void notOneOf(String path, String what, String found, List<String> allowed) {
    StringBuilder message =
        new StringBuilder("unknown ")
            .append(what)
            .append(' ')
            .append(JsonPath.quote(found))
            .append("; expected one of: ")
            .append(String.join(", ", allowed));
    String guess = Suggestions.closest(found, allowed);
    if (guess != null) {
      message.append(" (did you mean ").append(JsonPath.quote(guess)).append("?)");
    }
    add(path, Kind.VALUE, message.toString());
  }

  void outOfRange(String path, String found, String expected) {
    add(path, Kind.VALUE, "value out of range: found " + found + "; expected " + expected);
  }

  void invalid(String path, String message) {
    add(path, Kind.VALUE, message);
  }

  void notAbsolute(String path, String what, String found) {
    String fixed = "/" + found.replaceFirst("^(\\./)+", "");
    add(
        path,
        Kind.PATH,
        what
            + " must be an absolute path: found "
            + JsonPath.quote(found)
            + "; expected a path starting with \"/\" (e.g. "
            + JsonPath.quote(fixed)
            + ")");
  }

  void duplicate(String path, String what, String value, String firstPath) {
    add(
        path,
        Kind.DUPLICATE,
        "duplicate "
            + what
            + " "
            + JsonPath.quote(value)
            + ", already given at "
            + firstPath
            + "; remove one of the two entries");
  }

  void contradiction(String path, String message, String remedy) {
    add(path, Kind.CONTRADICTION, message + "; " + remedy);
  }

  void version(String path, String message) {
    add(path, Kind.VERSION, message);
  }

  /** "a string (\"abc\")", "an integer (5)", "null" ... for type messages. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string (" + text + ")";
      case BOOLEAN -> "a boolean (" + text + ")";
      case NUMBER -> (node.isIntegralNumber() ? "an integer (" : "a number (") + text + ")";
      case ARRAY -> "an array (" + text + ")";
      case OBJECT -> "an object (" + text + ")";
      case NULL -> "null";
      default -> text;
    };
  }
}
