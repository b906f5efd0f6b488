package dev.bramble.runtime.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleFactsReaderTest {

  private static List<String> requests(LinuxResources r) {
    return BundleFactsReader.resources(r).stream().map(q -> q.controller() + " " + q).toList();
  }

  @Test
  void eachLimitNamesItsControllerAndJsonPath() {
    LinuxResources r = new LinuxResources(null,
        new LinuxMemory(1L << 30, null, 2L << 30, null, null, 60L, true, null, null),
        new LinuxCpu(512L, null, null, null, null, null, null, "0", null),
        new LinuxPids(64L), null, null, null, null, Map.of("memory.high", "900M", "io.weight", "100"));

    assertEquals(List.of(
            "memory linux.resources.memory.limit=1073741824",
            "memory linux.resources.memory.swap=2147483648",
            "memory linux.resources.memory.swappiness=60",
            "memory linux.resources.memory.disableOOMKiller=true",
            "pids linux.resources.pids.limit=64",
            "cpu linux.resources.cpu.shares=512",
            "cpuset linux.resources.cpu.mems=0",
            "io linux.resources.unified[\"io.weight\"]=100",
            "memory linux.resources.unified[\"memory.high\"]=900M"),
        requests(r));
  }

  @Test
  void noLimitValuesRequestNothing() {
    LinuxResources r = new LinuxResources(null,
        new LinuxMemory(-1L, 0L, -1L, null, null, null, false, null, null),
        new LinuxCpu(null, -1L, null, null, null, null, "", null, null),
        new LinuxPids(0L), null, null, null, null, null);

    assertTrue(requests(r).isEmpty(), requests(r).toString());
  }

  @Test
  void unsignedValuesAboveLongMaxAreShownUnsigned() {
    LinuxResources r = new LinuxResources(null, null,
        new LinuxCpu(-2L, null, null, null, null, null, null, null, null), null, null, null, null, null, null);

    assertEquals(List.of("cpu linux.resources.cpu.shares=18446744073709551614"), requests(r));
  }
}
