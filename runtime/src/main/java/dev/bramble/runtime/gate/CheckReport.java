package dev.bramble.runtime.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bramble.runtime.host.FactLine;
import dev.bramble.runtime.host.HostFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what {@code bramble check} prints: host facts, then every verdict, then whether the sandbox can run here.
 * Text fits one screen (passes take one line; warnings and failures add why and fix); JSON carries everything.
 *
 * @param host the facts
 * @param report the verdicts (for the bundle, when one was given)
 * @param hostReport the verdicts for the host alone, which decide "sandbox: ready"
 * @param bundle the bundle directory, when one was checked
 */
public record CheckReport(HostFacts host, GateReport report, GateReport hostReport, Optional<String> bundle) {
  private static final int VALUE_WIDTH = 60;

  public boolean sandboxReady() {
    return !hostReport.failed();
  }

  public String text() {
    StringBuilder out = new StringBuilder("host\n");
    for (FactLine line : host.describe()) {
      out.append(String.format("  %-16s %-" + VALUE_WIDTH + "s  %s%n", line.name(), clip(line.value(), VALUE_WIDTH),
          clip(line.source(), 60)));
    }
    out.append(bundle.map(b -> "gates for bundle " + b + "\n").orElse("gates\n"));
    for (Verdict v : report.verdicts()) {
      String status = v.status().name() + (v.downgradedBy().isPresent() ? "*" : "");
      if (v.status() == GateStatus.PASS) {
        out.append(String.format("  %-5s %-21s %s%n", status, v.gateId(), v.measured()));
        continue;
      }
      out.append(String.format("  %-5s %-21s %s%n", status, v.gateId(), v.measured()));
      out.append("        from: ").append(v.source()).append('\n');
      out.append("        why:  ").append(v.why()).append('\n');
      out.append("        fix:  ").append(v.remedy()).append('\n');
      v.downgradedBy().ifPresent(d -> out.append("        * failed, downgraded to a warning by ").append(d)
          .append('\n'));
    }
    out.append("sandbox: ").append(sandboxReady() ? "ready" : "unavailable (" + names(hostReport.failures()) + ")");
    if (bundle.isPresent()) {
      out.append("; bundle: ").append(report.failed() ? "refused (" + names(report.failures()) + ")" : "accepted");
    }
    return out.append('\n').toString();
  }

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("arch", host.machine().value());
    facts.put("kernelRelease", host.kernelRelease().value());
    facts.put("pageSize", host.pageSize().map(p -> (Object) p.value()).orElse(null));
    facts.put("vaBits", host.addressSpace().map(s -> (Object) s.bits()).orElse(null));
    facts.put("taskSize", host.addressSpace().map(s -> "0x" + Long.toHexString(s.taskSize())).orElse(null));
    List<Map<String, String>> lines = new ArrayList<>();
    for (FactLine line : host.describe()) {
      Map<String, String> l = new LinkedHashMap<>();
      l.put("name", line.name());
      l.put("value", line.value());
      l.put("source", line.source());
      lines.add(l);
    }
    facts.put("facts", lines);
    root.put("host", facts);
    bundle.ifPresent(b -> root.put("bundle", b));
    List<Map<String, Object>> verdicts = new ArrayList<>();
    for (Verdict v : report.verdicts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("gate", v.gateId());
      m.put("title", v.title());
      m.put("status", v.status().jsonName());
      m.put("measured", v.measured());
      m.put("source", v.source());
      m.put("why", v.why());
      m.put("remedy", v.remedy());
      v.downgradedBy().ifPresent(d -> m.put("downgradedBy", d));
      verdicts.add(m);
    }
    root.put("verdicts", verdicts);
    root.put("sandbox", sandboxReady() ? "ready" : "unavailable");
    root.put("failed", report.failed());
    root.put("nodeLabels", NodeLabels.of(host, hostReport));
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a map of strings as JSON", e);
    }
  }

  /** {@code key=value} lines, ready for {@code kubectl label node <node> $(bramble check --node-labels)}. */
  public String nodeLabelsText() {
    StringBuilder out = new StringBuilder();
    NodeLabels.of(host, hostReport).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  public String nodeLabelsJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(NodeLabels.of(host, hostReport)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a map of strings as JSON", e);
    }
  }

  private static String names(List<Verdict> verdicts) {
    return String.join(", ", verdicts.stream().map(Verdict::gateId).toList());
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
