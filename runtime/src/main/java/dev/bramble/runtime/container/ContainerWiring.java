package dev.bramble.runtime.container;

import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.Hooks;
import dev.bramble.runtime.cgroup.CgroupSettings;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.container.BundleLoader.Loaded;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.gate.ResourceGates;
import dev.bramble.runtime.hooks.ContainerHooks;
import dev.bramble.runtime.hooks.HookKind;
import dev.bramble.runtime.hooks.HookRunner;
import dev.bramble.runtime.hooks.HookTarget;
import dev.bramble.runtime.hooks.SentryHooks;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.sentry.Sentry;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Connects a container's cgroups and lifecycle hooks to the code that creates, runs and deletes it, so that the
 * CLI's create (and its sentry daemon), run, and delete all do it the same way:
 *
 * <ul>
 *   <li>before any process exists: the cgroups, with their limits and device rules;
 *   <li>each stub (the init's and each exec's) joins them while still stopped;
 *   <li>the hooks at the moments the runtime-spec names (see {@link SentryHooks}); poststart when start returns;
 *   <li>at delete, after the last process is gone: the cgroups are removed, then the poststop hooks run.
 * </ul>
 */
public final class ContainerWiring {
  private ContainerWiring() {}

  /** Creates the container's cgroups; the caller removes them ({@link #removeCgroup}) if create fails later. */
  public static ContainerCgroup createCgroup(LinuxKernel kernel, Logger log, Loaded loaded, String id,
      boolean systemdCgroup, GateDowngrades gateWarnings) {
    CgroupSettings settings;
    try {
      settings = CgroupSettings.from(loaded.spec(), id, systemdCgroup,
          ResourceGates.tolerated(gateWarnings, loaded.config().annotations()));
    } catch (IllegalArgumentException e) {
      throw new BrambleException("create " + id + ": config.json: " + e.getMessage(), e);
    }
    try {
      return ContainerCgroup.create(kernel, log, settings);
    } catch (BrambleException e) {
      throw new BrambleException("create " + id + ": " + e.getMessage(), e);
    }
  }

  /** Removes the cgroups of a create that failed; a failure to do so is logged, not thrown over the first one. */
  public static void removeCgroup(ContainerCgroup cgroup, Logger log) {
    if (cgroup == null) {
      return;
    }
    try {
      cgroup.destroy();
    } catch (RuntimeException e) {
      log.warning(e.getMessage());
    }
  }

  /** The hooks of a container, from its config.json. */
  public static ContainerHooks hooks(LinuxKernel kernel, Logger log, Hooks hooks, ContainerConfig config) {
    return hooks(kernel, log, hooks, config.id(), config.bundle(), config.annotations());
  }

  /** The same, for a container known only by its state (delete). */
  public static ContainerHooks hooks(LinuxKernel kernel, Logger log, Hooks hooks, String id, Path bundle,
      java.util.Map<String, String> annotations) {
    return new ContainerHooks(hooks, new HookRunner(kernel), log, id, bundle, annotations);
  }

  /** The hooks section of a config.json snapshot (the state directory's copy). */
  public static Hooks hooksOf(Path snapshot) {
    try {
      return SpecReader.read(snapshot, SpecReader.Validation.TYPES_ONLY).hooks();
    } catch (SpecException e) {
      throw new BrambleException("read config snapshot " + snapshot + ": " + e.getMessage(), e);
    }
  }

  /**
   * Wires a sentry and its host before {@code host.create}: stubs join the cgroups, hooks run at their moments.
   *
   * @param cgroup the container's cgroups, or null when it has none (state from before cgroups)
   */
  public static void wire(Sentry sentry, SentryHost host, ContainerCgroup cgroup, ContainerHooks hooks,
      ContainerConfig config) {
    if (cgroup != null) {
      sentry.onStub(cgroup::place);
    }
    SentryHooks.attach(sentry, hooks, config);
    host.onStarted(() -> hooks.run(HookKind.POSTSTART, sentry.initPid(), HookTarget.RUNTIME));
  }

  /**
   * What delete does once the container's processes are gone: remove its cgroups, then run its poststop hooks
   * (their failures are logged). Returns the cgroup removal's failure, if any, for the caller to report.
   */
  public static Optional<RuntimeException> afterStop(LinuxKernel kernel, Logger log, ContainerRecord record,
      ContainerHooks hooks) {
    Optional<RuntimeException> failure = Optional.empty();
    if (record.cgroup() != null) {
      try {
        ContainerCgroup.of(kernel, log, record.cgroup()).destroy();
      } catch (RuntimeException e) {
        failure = Optional.of(e);
      }
    }
    hooks.run(HookKind.POSTSTOP, 0, HookTarget.RUNTIME);
    return failure;
  }
}
