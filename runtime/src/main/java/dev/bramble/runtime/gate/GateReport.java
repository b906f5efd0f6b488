package dev.bramble.runtime.gate;

import java.util.List;
import java.util.Optional;

/** The verdicts of one evaluation, in report order. */
public record GateReport(List<Verdict> verdicts) {
  public GateReport {
    verdicts = List.copyOf(verdicts);
  }

  /** True when any gate failed (after downgrades): {@code create} must refuse, {@code check} exits non-zero. */
  public boolean failed() {
    return verdicts.stream().anyMatch(Verdict::failed);
  }

  public List<Verdict> failures() {
    return verdicts.stream().filter(Verdict::failed).toList();
  }

  /** Failures let through by a downgrade; each must be logged as a warning with its origin. */
  public List<Verdict> downgraded() {
    return verdicts.stream().filter(v -> v.downgradedBy().isPresent()).toList();
  }

  public Optional<Verdict> find(String gateId) {
    return verdicts.stream().filter(v -> v.gateId().equals(gateId)).findFirst();
  }

  /**
   * The single error line for a refused {@code create}: {@code create <id>: gate <gate-id> failed: <measured>
   * (<source>); <why>; fix: <remedy>}, naming further failed gates at the end.
   *
   * @throws IllegalStateException when nothing failed
   */
  public String createError(String containerId) {
    List<Verdict> failures = failures();
    if (failures.isEmpty()) {
      throw new IllegalStateException("no gate failed");
    }
    Verdict first = failures.get(0);
    StringBuilder text = new StringBuilder("create ").append(containerId).append(": gate ").append(first.gateId())
        .append(" failed: ").append(first.explain());
    if (failures.size() > 1) {
      text.append(" (also failed: ")
          .append(String.join(", ", failures.subList(1, failures.size()).stream().map(Verdict::gateId).toList()))
          .append("; run 'bramble check --bundle <dir>' for details)");
    }
    return text.toString();
  }

  /** One warning line per downgraded failure: "gate va-bits failed, downgraded to a warning by ...: ...". */
  public List<String> downgradeNotices() {
    return downgraded().stream()
        .map(v -> "gate " + v.gateId() + " failed, downgraded to a warning by " + v.downgradedBy().orElseThrow()
            + ": " + v.explain())
        .toList();
  }
}
