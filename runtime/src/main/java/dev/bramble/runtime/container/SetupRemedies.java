package dev.bramble.runtime.container;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;

/** Hints for the setup failures people actually meet, appended to the failing syscall's message. */
final class SetupRemedies {
  private SetupRemedies() {}

  static String forFailure(SyscallException e, ContainerConfig config) {
    boolean userNs = config.createsNamespace(NamespaceType.USER);
    if (userNs && (e.errno() == Errno.EACCES || e.errno() == Errno.EPERM)) {
      long hostRoot = config.uidMappings().stream().filter(m -> m.containerId() == 0).mapToLong(m -> m.hostId())
          .findFirst().orElse(-1);
      return "; in a user namespace the container's root is host uid " + hostRoot + ": every directory above the "
          + "rootfs (" + config.rootfs() + ") must be searchable (o+x) by it, and bind sources readable";
    }
    if (e.errno() == Errno.ENOENT) {
      return "; a path the container needs does not exist: check root.path and the mounts' sources";
    }
    if (e.errno() == Errno.EPERM) {
      return "; run bramble as root (rootless mode is not supported yet)";
    }
    return "";
  }
}
