package dev.bramble.runtime.hooks;

import dev.bramble.runtime.config.NamespaceType;
import java.util.List;
import java.util.Set;

/**
 * Where a hook runs: in the runtime's namespaces, or in those of a container process (its init), entered with
 * util-linux's nsenter. bramble's JVM cannot enter namespaces itself (setns of a mount namespace is refused to a
 * multithreaded process), and nsenter is the small exec'd helper every Linux has (util-linux is essential in
 * Debian and Ubuntu).
 *
 * @param initPid the container process whose namespaces to enter; 0 for the runtime namespace
 * @param namespaces the namespace types to enter (only ones the container has; entering the host's own is harmless
 *     but a user namespace may only be entered when it is not ours)
 * @param containerRoot also take the process's root and working directory (after pivot_root: the hook's path then
 *     resolves inside the container, as startContainer's must)
 */
public record HookTarget(int initPid, Set<NamespaceType> namespaces, boolean containerRoot) {
  public static final HookTarget RUNTIME = new HookTarget(0, Set.of(), false);

  public HookTarget {
    namespaces = Set.copyOf(namespaces);
  }

  public boolean inContainer() {
    return initPid > 0;
  }

  /** nsenter's options for this target, before the "--" and the hook's own path. */
  List<String> nsenterOptions() {
    // with --user, nsenter becomes root of the container's user namespace: what runc's init is when it runs them
    List<String> out = new java.util.ArrayList<>(List.of("--target", Integer.toString(initPid)));
    for (NamespaceType t : NamespaceType.values()) {
      if (namespaces.contains(t)) {
        out.add(switch (t) {
          case USER -> "--user";
          case MOUNT -> "--mount";
          case UTS -> "--uts";
          case IPC -> "--ipc";
          case NETWORK -> "--net";
          case CGROUP -> "--cgroup";
          case PID -> "--pid";
          case TIME -> "--time";
        });
      }
    }
    if (containerRoot) {
      out.add("--root");
      out.add("--wd");
    }
    return out;
  }
}
