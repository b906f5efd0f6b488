package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.NamespaceConfig;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.sentry.RemoteSyscalls;

/**
 * Puts the stub into the container's namespaces before it clones the init: joins the ones config.json names by
 * path (user first, so the rest are entered with its rights), creates a user namespace on its own and has its id
 * maps written from the host side, then unshares everything else at once. New pid and time namespaces apply to the
 * stub's children, which is why the init is a clone of the stub.
 */
public final class NamespaceSetup {
  /** Writes /proc/PID/uid_map and gid_map from outside the namespace (only a parent-namespace writer may). */
  public interface IdMapWriter {
    void write(int pid, ContainerConfig config);
  }

  /** Writes /proc/PID/timens_offsets: possible only before any process lives in the new time namespace. */
  public interface TimeOffsetWriter {
    void write(int pid, ContainerConfig config);
  }

  private final RemoteSyscalls stub;
  private final ContainerConfig config;
  private final IdMapWriter idMaps;
  private final TimeOffsetWriter timeOffsets;

  public NamespaceSetup(RemoteSyscalls stub, ContainerConfig config, IdMapWriter idMaps,
      TimeOffsetWriter timeOffsets) {
    this.stub = stub;
    this.config = config;
    this.idMaps = idMaps;
    this.timeOffsets = timeOffsets;
  }

  public void enter() {
    for (NamespaceConfig ns : config.namespaces()) {
      if (ns.joins()) {
        int fd = stub.openat(RemoteSyscalls.AT_FDCWD, ns.path(), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        try {
          stub.setns(fd, (int) ns.type().cloneFlag());
        } finally {
          stub.close(fd);
        }
      }
    }
    if (config.createsNamespace(NamespaceType.USER)) {
      stub.unshare(NamespaceType.USER.cloneFlag());
      idMaps.write(stub.pid(), config);
      // our host root is unmapped in the new namespace (it shows as the overflow id, and files cannot be created
      // under it): become the namespace's root, as runc's init does
      stub.setresgid(0, 0, 0);
      stub.setresuid(0, 0, 0);
    }
    long flags = 0;
    for (NamespaceConfig ns : config.namespaces()) {
      if (!ns.joins() && ns.type() != NamespaceType.USER) {
        flags |= ns.type().cloneFlag();
      }
    }
    if (flags != 0) {
      stub.unshare(flags);
    }
    if (!config.timeOffsets().isEmpty()) {
      timeOffsets.write(stub.pid(), config);
    }
  }
}
