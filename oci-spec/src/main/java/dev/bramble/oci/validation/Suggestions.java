package dev.bramble.oci.validation;

import java.util.List;
import java.util.Locale;

/** Finds the allowed value a typo was probably meant to be ("did you mean ..."). */
final class Suggestions {
  private Suggestions() {}

  /** The closest allowed value, or null when nothing is close enough to be a useful guess. */
  static String closest(String found, List<String> allowed) {
    String lower = found.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      String candidateLower = candidate.toLowerCase(Locale.ROOT);
      if (candidateLower.equals(lower)) {
        return candidate; // wrong case
      }
      // a missing prefix: "KILL" for CAP_KILL, "NOFILE" for RLIMIT_NOFILE, "net" for network
      if (lower.length() >= 3
          && (candidateLower.endsWith("_" + lower) || candidateLower.startsWith(lower))) {
        return candidate;
      }
      int distance = distance(lower, candidateLower);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    // one or two letters have too many near neighbours for a guess to help
    int tolerated = found.length() < 3 ? 0 : Math.max(1, Math.min(2, found.length() / 3));
    return bestDistance <= tolerated ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
