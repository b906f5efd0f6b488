package dev.bramble.runtime.gate;

import java.util.Optional;

/**
 * One gate's judgement, self-contained enough to be printed alone as an error line.
 *
 * @param gateId the stable kebab-case id ({@code va-bits}), also used in {@code dev.bramble.gate.<id>=warn}
 * @param title a short human name ("user address space")
 * @param status pass, warn or fail
 * @param measured what was measured, in words and numbers ("39 bits (TASK_SIZE 0x8000000000)")
 * @param source where the measurement came from ("mmap probe ...", "/proc/cmdline")
 * @param why why it matters for this host or bundle
 * @param remedy what to do about it; empty for a pass
 * @param downgradedBy for a failure turned into a warning: the annotation or flag that did it
 */
public record Verdict(
    String gateId,
    String title,
    GateStatus status,
    String measured,
    String source,
    String why,
    String remedy,
    Optional<String> downgradedBy) {

  public static Verdict pass(String gateId, String title, String measured, String source, String why) {
    return new Verdict(gateId, title, GateStatus.PASS, measured, source, why, "", Optional.empty());
  }

  public static Verdict warn(String gateId, String title, String measured, String source, String why, String remedy) {
    return new Verdict(gateId, title, GateStatus.WARN, measured, source, why, remedy, Optional.empty());
  }

  public static Verdict fail(String gateId, String title, String measured, String source, String why, String remedy) {
    return new Verdict(gateId, title, GateStatus.FAIL, measured, source, why, remedy, Optional.empty());
  }

  public boolean failed() {
    return status == GateStatus.FAIL;
  }

  /** This failure as a warning, recording who asked for it; passes and warnings are returned unchanged. */
  public Verdict downgradedBy(String origin) {
    if (status != GateStatus.FAIL) {
      return this;
    }
    return new Verdict(gateId, title, GateStatus.WARN, measured, source, why, remedy, Optional.of(origin));
  }

  /** "&lt;measured&gt; (&lt;source&gt;); &lt;why&gt;; fix: &lt;remedy&gt;" — the body of the create error line. */
  public String explain() {
    StringBuilder text = new StringBuilder(measured);
    if (!source.isEmpty()) {
      text.append(" (").append(source).append(')');
    }
    if (!why.isEmpty()) {
      text.append("; ").append(why);
    }
    if (!remedy.isEmpty()) {
      text.append("; fix: ").append(remedy);
    }
    return text.toString();
  }
}
