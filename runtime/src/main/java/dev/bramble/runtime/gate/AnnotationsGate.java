package dev.bramble.runtime.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bundle's dev.bramble.* declarations must parse: a typo in {@code dev.bramble.min-va-bits} must not silently
 * drop a requirement, nor a typo in {@code dev.bramble.gate.<id>} silently fail to downgrade. Not downgradable.
 */
final class AnnotationsGate implements Gate {
  private static final String TITLE = "bundle annotations";

  @Override
  public String id() {
    return GateIds.ANNOTATIONS;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    if (input.bundle().isEmpty()) {
      return Optional.empty();
    }
    WorkloadDeclarations d = input.declarations();
    if (!d.problems().isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, String.join("; ", d.problems()), "config.json annotations",
          "a misspelt declaration would silently drop a requirement or a downgrade", GateRemedies.annotations()));
    }
    List<String> declared = new ArrayList<>();
    d.minVaBits().ifPresent(b -> declared.add("min-va-bits=" + b));
    d.pageSize().ifPresent(p -> declared.add("page-size=" + p));
    d.downgrades().keySet().stream().sorted().forEach(g -> declared.add("gate." + g + "=warn"));
    return Optional.of(Verdict.pass(id(), TITLE,
        declared.isEmpty() ? "no dev.bramble.* declarations" : "dev.bramble." + String.join(", dev.bramble.", declared),
        "config.json annotations", "the workload's declarations are valid"));
  }
}
