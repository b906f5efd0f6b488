package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.NamespaceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every namespace type config.json asks bramble to create must exist in this kernel (cgroup 4.6+, time 5.6+). */
final class NamespacesGate implements Gate {
  private static final String TITLE = "namespaces";
  /** What a container runtime is expected to offer; time is optional (Linux 5.6+) and rarely used. */
  static final List<String> EXPECTED = List.of("mnt", "pid", "net", "ipc", "uts", "user", "cgroup");

  @Override
  public String id() {
    return GateIds.NAMESPACES;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    NamespaceFacts ns = input.host().namespaces();
    String available = "available: " + String.join(" ", ns.available().stream().sorted().toList());
    if (input.bundle().isPresent()) {
      List<BundleFacts.NamespaceRequest> missing = new ArrayList<>();
      for (BundleFacts.NamespaceRequest request : input.bundle().get().namespaces()) {
        if (!request.joinsExisting() && !ns.available().contains(NamespaceFacts.kernelName(request.type()))) {
          missing.add(request);
        }
      }
      if (!missing.isEmpty()) {
        List<String> named = missing.stream().map(r -> r.jsonPath() + " type " + r.type()).toList();
        return Optional.of(Verdict.fail(id(), TITLE, available, ns.source(),
            "config.json asks for namespaces this kernel lacks: " + String.join(", ", named),
            GateRemedies.namespaceMissing(NamespaceFacts.kernelName(missing.get(0).type()))));
      }
      return Optional.of(Verdict.pass(id(), TITLE, available, ns.source(),
          "every namespace in linux.namespaces exists in this kernel"));
    }
    List<String> missing = EXPECTED.stream().filter(n -> !ns.available().contains(n)).toList();
    if (!missing.isEmpty()) {
      return Optional.of(Verdict.warn(id(), TITLE, available + "; missing " + String.join(" ", missing),
          ns.source(), "bundles that ask for these namespaces will be refused",
          GateRemedies.namespaceMissing(missing.get(0))));
    }
    return Optional.of(Verdict.pass(id(), TITLE, available, ns.source(), "containers get their own namespaces"));
  }
}
