package dev.bramble.shim.task;

import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.cgroup.OomWatcher;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.hooks.ContainerHooks;
import dev.bramble.runtime.sentry.Sentry;
import dev.bramble.shim.api.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A container hosted by this shim daemon: its sentry (tracer thread and all), its init, its execs, and the rootfs
 * mount the shim made for it. {@code lock} orders a process's start event before its exit event.
 */
final class ShimContainer {
  final String id;
  final Path bundle;
  final ContainerConfig config;
  final List<Mount> rootfs;
  /** Where the shim mounted containerd's snapshot, or null when it mounted nothing. */
  final Path mountedRootfs;
  final Sentry sentry;
  final ShimProcess init;
  final Map<String, ShimProcess> execs = new ConcurrentHashMap<>();
  final Object lock = new Object();
  /** The container's cgroups (limits, pause, stats, OOM), or null on a host without a cgroup file system. */
  final ContainerCgroup cgroup;
  final ContainerHooks hooks;
  volatile OomWatcher oomWatcher;

  ShimContainer(String id, Path bundle, ContainerConfig config, List<Mount> rootfs, Path mountedRootfs,
      Sentry sentry, ShimProcess init, ContainerCgroup cgroup, ContainerHooks hooks) {
    this.cgroup = cgroup;
    this.hooks = hooks;
    this.id = id;
    this.bundle = bundle;
    this.config = config;
    this.rootfs = rootfs;
    this.mountedRootfs = mountedRootfs;
    this.sentry = sentry;
    this.init = init;
  }

  ShimProcess process(String execId) {
    return execId.isEmpty() ? init : execs.get(execId);
  }
}
