package dev.bramble.runtime.hooks;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.sentry.Sentry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Wires a container's hooks to the moments its sentry reaches: once the init's namespaces and mounts exist and
 * just before pivot_root, prestart and createRuntime (runtime namespace) then createContainer (the container's
 * namespaces); at start, just before the entrypoint's execve, startContainer (the container's namespaces and
 * root). poststart and poststop belong to whoever starts and deletes the container ({@link ContainerHooks#run}).
 *
 * <p>Runtime-namespace hooks get the init's host pid; container-namespace hooks the pid as the container sees it
 * (1 in a new pid namespace), as the runtime-spec's state definition asks.
 */
public final class SentryHooks {
  private SentryHooks() {}

  public static void attach(Sentry sentry, ContainerHooks hooks, ContainerConfig config) {
    sentry.onBeforePivot(pid -> {
      hooks.run(HookKind.PRESTART, pid, HookTarget.RUNTIME);
      hooks.run(HookKind.CREATE_RUNTIME, pid, HookTarget.RUNTIME);
      if (hooks.any(HookKind.CREATE_CONTAINER)) {
        hooks.run(HookKind.CREATE_CONTAINER, pidInContainer(pid), target(pid, config, false));
      }
    });
    sentry.onBeforeEntrypoint(pid -> {
      if (hooks.any(HookKind.START_CONTAINER)) {
        hooks.run(HookKind.START_CONTAINER, pidInContainer(pid), target(pid, config, true));
      }
    });
  }

  /** The container's namespaces (created or joined) as nsenter should enter them. */
  static HookTarget target(int initPid, ContainerConfig config, boolean containerRoot) {
    Set<NamespaceType> types = EnumSet.noneOf(NamespaceType.class);
    for (ContainerConfig.NamespaceConfig ns : config.namespaces()) {
      types.add(ns.type());
    }
    return new HookTarget(initPid, types, containerRoot);
  }

  /** The last NSpid of /proc/PID/status: the pid in the process's own pid namespace. */
  static int pidInContainer(int hostPid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(hostPid), "status"))) {
        if (line.startsWith("NSpid:")) {
          String[] f = line.substring(6).trim().split("\\s+");
          return Integer.parseInt(f[f.length - 1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall back to the host's view
    }
    return hostPid;
  }
}
