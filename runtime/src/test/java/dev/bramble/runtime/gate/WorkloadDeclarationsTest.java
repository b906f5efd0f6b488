package dev.bramble.runtime.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WorkloadDeclarationsTest {

  @Test
  void validDeclarationsAreParsed() {
    WorkloadDeclarations d = WorkloadDeclarations.parse(Map.of(
        "dev.bramble.min-va-bits", "48",
        "dev.bramble.page-size", " 4096 ",
        "dev.bramble.gate.overlayfs", "warn",
        "io.kubernetes.cri.container-type", "container"));

    assertEquals(OptionalInt.of(48), d.minVaBits());
    assertEquals(OptionalLong.of(4096), d.pageSize());
    assertEquals(Map.of("overlayfs", "annotation dev.bramble.gate.overlayfs=warn"), d.downgrades());
    assertEquals(List.of(), d.problems());
  }

  @Test
  void eachBadDeclarationIsAProblemNamingTheAnnotation() {
    WorkloadDeclarations d = WorkloadDeclarations.parse(Map.of(
        "dev.bramble.min-va-bits", "128",
        "dev.bramble.page-size", "12288",
        "dev.bramble.gate.va-bits", "yes"));

    assertEquals(3, d.problems().size(), d.problems().toString());
    assertTrue(d.problems().get(0).startsWith("annotations[\"dev.bramble.gate.va-bits\"] = \"yes\": the only"
        + " accepted value is \"warn\""), d.problems().get(0));
    assertTrue(d.problems().get(1).contains("between 32 and 64"), d.problems().get(1));
    assertTrue(d.problems().get(2).contains("4096, 16384 or 65536"), d.problems().get(2));
    assertEquals(OptionalInt.empty(), d.minVaBits(), "a bad value is not half-applied");
    assertEquals(Map.of(), d.downgrades());
  }

  @Test
  void flagAndAnnotationDowngradesMergeWithTheFlagsOrigin() {
    GateDowngrades flag = GateDowngrades.fromFlag(List.of("va-bits", "page-size,overlayfs"));
    WorkloadDeclarations d = WorkloadDeclarations.parse(Map.of(
        "dev.bramble.gate.va-bits", "warn", "dev.bramble.gate.memory-controller", "warn"));

    GateDowngrades merged = flag.with(d);

    assertEquals("flag --gate-warn va-bits", merged.origins().get("va-bits"));
    assertEquals("annotation dev.bramble.gate.memory-controller=warn", merged.origins().get("memory-controller"));
    assertTrue(merged.contains("overlayfs") && merged.contains("page-size"));
  }

  @Test
  void everyGateHasAnIdInTheRegistryAndTheOtherWayRound() {
    List<String> ids = Gates.all().stream().map(Gate::id).toList();

    assertEquals(GateIds.ALL, ids, "GateIds.ALL lists the gates in report order");
  }
}
