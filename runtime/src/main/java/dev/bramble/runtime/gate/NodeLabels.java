package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.host.HostFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes node labels describing what this node offers bramble workloads, for a RuntimeClass's
 * {@code scheduling.nodeSelector} (only nodes whose sandbox is ready get pods) and for pods that need a page size or
 * address width. {@code bramble.dev/va-bits} is the address width on the scale of {@code dev.bramble.min-va-bits}:
 * 48 on x86_64 with 4-level paging (47-bit user space), the VA_BITS value on arm64.
 */
public final class NodeLabels {
  public static final String PREFIX = "bramble.dev/";

  private NodeLabels() {}

  /** Labels in a stable order; values are valid label values (alphanumerics, '-', '.', '_'). */
  public static Map<String, String> of(HostFacts host, GateReport hostReport) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(PREFIX + "arch", host.arch().map(Arch::debianName).orElse(sanitize(host.machine().value())));
    labels.put(PREFIX + "page-size", host.pageSize().map(p -> Long.toString(p.value())).orElse("unknown"));
    labels.put(PREFIX + "va-bits", host.addressSpace()
        .map(s -> Integer.toString(VaBitsGate.addressWidth(host, s))).orElse("unknown"));
    labels.put(PREFIX + "memory-cgroup", Boolean.toString(host.cgroups().has("memory")));
    labels.put(PREFIX + "sandbox", hostReport.failed() ? "unavailable" : "ready");
    return labels;
  }

  private static String sanitize(String value) {
    String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() ? "unknown" : cleaned.substring(0, Math.min(63, cleaned.length()));
  }
}
