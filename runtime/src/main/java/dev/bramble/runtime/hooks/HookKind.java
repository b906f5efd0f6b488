package dev.bramble.runtime.hooks;

import dev.bramble.oci.spec.Hook;
import dev.bramble.oci.spec.Hooks;
import dev.bramble.oci.state.ContainerStatus;
import java.util.List;

/**
 * The six OCI hook kinds (runtime-spec config.md "POSIX-platform Hooks" and runtime.md "Lifecycle"): when they run,
 * in which namespaces, what status their state document carries (as runc sends it), and whether a failure fails the
 * operation (poststart and poststop failures are only logged).
 */
public enum HookKind {
  PRESTART("prestart", false, ContainerStatus.CREATING, true),
  CREATE_RUNTIME("createRuntime", false, ContainerStatus.CREATING, true),
  CREATE_CONTAINER("createContainer", true, ContainerStatus.CREATING, true),
  START_CONTAINER("startContainer", true, ContainerStatus.CREATED, true),
  POSTSTART("poststart", false, ContainerStatus.RUNNING, false),
  POSTSTOP("poststop", false, ContainerStatus.STOPPED, false);

  private final String specName;
  private final boolean inContainer;
  private final ContainerStatus status;
  private final boolean fatal;

  HookKind(String specName, boolean inContainer, ContainerStatus status, boolean fatal) {
    this.specName = specName;
    this.inContainer = inContainer;
    this.status = status;
    this.fatal = fatal;
  }

  /** The key under {@code hooks} in config.json. */
  public String specName() {
    return specName;
  }

  /** Runs in the container's namespaces rather than the runtime's. */
  public boolean inContainer() {
    return inContainer;
  }

  /** The status in the state document on the hook's stdin. */
  public ContainerStatus status() {
    return status;
  }

  /** A failure fails the operation (and the container); otherwise it is logged and the lifecycle goes on. */
  public boolean fatal() {
    return fatal;
  }

  /** This kind's hooks in config.json, in order; empty when there are none. */
  public List<Hook> of(Hooks hooks) {
    if (hooks == null) {
      return List.of();
    }
    List<Hook> list = switch (this) {
      case PRESTART -> hooks.prestart();
      case CREATE_RUNTIME -> hooks.createRuntime();
      case CREATE_CONTAINER -> hooks.createContainer();
      case START_CONTAINER -> hooks.startContainer();
      case POSTSTART -> hooks.poststart();
      case POSTSTOP -> hooks.poststop();
    };
    return list == null ? List.of() : list;
  }
}
