package dev.bramble.runtime.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Asserts a gate's status and the key words of what it says. */
final class VerdictAssertions {
  private VerdictAssertions() {}

  /** The verdict of {@code gateId} has {@code status}, and its text contains every one of {@code words}. */
  static Verdict assertVerdict(GateReport report, String gateId, GateStatus status, String... words) {
    Verdict v = report.find(gateId).orElseGet(() -> fail("no verdict for " + gateId + " in " + report));
    assertEquals(status, v.status(), gateId + ": " + v.explain());
    String text = v.measured() + " | " + v.source() + " | " + v.why() + " | " + v.remedy();
    for (String word : words) {
      assertTrue(text.contains(word), gateId + " should mention '" + word + "': " + text);
    }
    return v;
  }

  static void assertNoVerdict(GateReport report, String gateId) {
    report.find(gateId).ifPresent(v -> fail(gateId + " should not be judged here: " + v.explain()));
  }

  /** Every other gate passes. */
  static void assertOthersPass(GateReport report, String... except) {
    java.util.List<String> skip = java.util.List.of(except);
    for (Verdict v : report.verdicts()) {
      if (!skip.contains(v.gateId())) {
        assertEquals(GateStatus.PASS, v.status(), v.gateId() + ": " + v.explain());
      }
    }
  }
}
