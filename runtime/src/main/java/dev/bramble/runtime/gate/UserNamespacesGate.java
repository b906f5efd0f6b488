package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.Capabilities;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.NamespaceFacts;
import java.util.Optional;

/**
 * A user namespace in config.json needs the kernel to allow creating one: CONFIG_USER_NS, a non-zero
 * user.max_user_namespaces, and — when bramble runs without CAP_SYS_ADMIN — neither Ubuntu's AppArmor restriction
 * nor Debian's unprivileged_userns_clone=0.
 */
final class UserNamespacesGate implements Gate {
  private static final String TITLE = "user namespaces";

  /** Whether bramble can create a user namespace here, and if not, why and how to fix it. */
  record Availability(boolean allowed, String measured, String source, String remedy) {}

  @Override
  public String id() {
    return GateIds.USER_NAMESPACES;
  }

  static Availability availability(HostFacts host) {
    NamespaceFacts ns = host.namespaces();
    String max = ns.maxUserNamespaces().isPresent()
        ? "max_user_namespaces " + ns.maxUserNamespaces().getAsLong() : "max_user_namespaces unknown";
    if (!ns.available().contains("user") || host.kernelConfig().enabled("CONFIG_USER_NS").equals(Optional.of(false))) {
      return new Availability(false, "kernel without user namespaces (no /proc/self/ns/user)", ns.source(),
          GateRemedies.userNamespacesDisabled(true));
    }
    if (ns.maxUserNamespaces().isPresent() && ns.maxUserNamespaces().getAsLong() == 0) {
      return new Availability(false, max + " (user namespaces disabled)", NamespaceFacts.MAX_USER,
          GateRemedies.userNamespacesDisabled(false));
    }
    boolean privileged = host.capabilities().has(Capabilities.CAP_SYS_ADMIN);
    if (!privileged && ns.apparmorRestrictUnprivileged().orElse(0) == 1) {
      return new Availability(false, max + "; AppArmor restricts unprivileged user namespaces and bramble lacks"
          + " CAP_SYS_ADMIN", NamespaceFacts.APPARMOR_RESTRICT, GateRemedies.userNamespacesRestricted("apparmor"));
    }
    if (!privileged && ns.unprivilegedUsernsClone().orElse(1) == 0) {
      return new Availability(false, max + "; unprivileged_userns_clone=0 and bramble lacks CAP_SYS_ADMIN",
          NamespaceFacts.DEBIAN_CLONE, GateRemedies.userNamespacesRestricted("debian"));
    }
    String note = ns.apparmorRestrictUnprivileged().orElse(0) == 1
        ? "; AppArmor restricts unprivileged callers only, bramble has CAP_SYS_ADMIN" : "";
    return new Availability(true, max + note, ns.source(), "");
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    Availability a = availability(input.host());
    String why = "a container with a user namespace in linux.namespaces needs the kernel to create one";
    if (input.bundle().isPresent()) {
      Optional<BundleFacts.NamespaceRequest> request = input.bundle().get().newUserNamespace();
      if (request.isEmpty()) {
        return Optional.of(Verdict.pass(id(), TITLE, a.measured(), a.source(),
            "config.json asks for no new user namespace"));
      }
      if (!a.allowed()) {
        return Optional.of(Verdict.fail(id(), TITLE, a.measured(), a.source(),
            "config.json " + request.get().jsonPath() + " asks for a new user namespace", a.remedy()));
      }
      return Optional.of(Verdict.pass(id(), TITLE, a.measured(), a.source(), why + ", which this host allows"));
    }
    if (!a.allowed()) {
      return Optional.of(Verdict.warn(id(), TITLE, a.measured(), a.source(),
          why + "; such bundles will be refused", a.remedy()));
    }
    return Optional.of(Verdict.pass(id(), TITLE, a.measured(), a.source(), why + ", which this host allows"));
  }
}
