package dev.bramble.runtime.hooks;

import dev.bramble.oci.json.JsonTrees;
import dev.bramble.oci.json.RecordTrees;
import dev.bramble.oci.spec.Hook;
import dev.bramble.oci.spec.Hooks;
import dev.bramble.oci.spec.SpecVersion;
import dev.bramble.oci.state.State;
import dev.bramble.runtime.log.Logger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container's lifecycle hooks from config.json, run kind by kind in order with the state document the spec
 * prescribes. A failing prestart, createRuntime, createContainer or startContainer hook stops the others of its
 * kind and fails the operation; poststart and poststop failures are logged and the remaining hooks still run.
 */
public final class ContainerHooks {
  private final Hooks hooks;
  private final HookRunner runner;
  private final Logger log;
  private final String id;
  private final Path bundle;
  private final Map<String, String> annotations;

  public ContainerHooks(Hooks hooks, HookRunner runner, Logger log, String id, Path bundle,
      Map<String, String> annotations) {
    this.hooks = hooks;
    this.runner = runner;
    this.log = log;
    this.id = id;
    this.bundle = bundle;
    this.annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public boolean any(HookKind kind) {
    return !kind.of(hooks).isEmpty();
  }

  /**
   * Runs every hook of {@code kind}.
   *
   * @param pid the container process's pid as the hooks see it (the spec: the runtime's view for runtime-namespace
   *     hooks, the container's view for the others); 0 once the container is gone (left out of the state)
   * @throws HookException from the first failing hook of a fatal kind
   */
  public void run(HookKind kind, int pid, HookTarget target) {
    List<Hook> list = kind.of(hooks);
    if (list.isEmpty()) {
      return;
    }
    byte[] state = stateJson(kind, pid);
    for (int i = 0; i < list.size(); i++) {
      String where = "hooks." + kind.specName() + "[" + i + "]";
      try {
        HookRunner.Outcome outcome = runner.run(where, list.get(i), state, target, bundle);
        log.debug(where + " (" + list.get(i).path() + ") succeeded" + (outcome.stderr().isEmpty() ? ""
            : "; stderr: " + outcome.stderr()));
      } catch (HookException e) {
        if (kind.fatal()) {
          throw e;
        }
        log.warning(e.getMessage());
      }
    }
  }

  byte[] stateJson(HookKind kind, int pid) {
    // like runc: no pid once the container is gone, no annotations when there are none
    State state = new State(SpecVersion.CURRENT, id, kind.status(), pid == 0 ? null : pid, bundle.toString(),
        annotations.isEmpty() ? null : annotations, Map.of());
    return JsonTrees.bytes(RecordTrees.toTree(state));
  }
}
