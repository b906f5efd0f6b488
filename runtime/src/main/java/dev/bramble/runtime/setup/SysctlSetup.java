package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * linux.sysctl, written by the init into its own /proc/sys after pivot_root — so only the namespaced sysctls the
 * validator allows can be reached, and they change the container's namespaces, never the host's. Applied before the
 * read-only paths (/proc/sys is one of them in `bramble spec`), as runc does.
 */
final class SysctlSetup {
  private final RemoteSyscalls sys;

  SysctlSetup(RemoteSyscalls sys) {
    this.sys = sys;
  }

  void apply(Map<String, String> sysctl) {
    for (Map.Entry<String, String> e : new TreeMap<>(sysctl).entrySet()) {
      int fd = sys.openat(RemoteSyscalls.AT_FDCWD, path(e.getKey()),
          OpenFlags.O_WRONLY | OpenFlags.O_TRUNC | OpenFlags.O_CLOEXEC, 0);
      try {
        sys.write(fd, e.getValue().getBytes(StandardCharsets.UTF_8));
      } finally {
        sys.close(fd);
      }
    }
  }

  /** "net.ipv4.ip_forward" → /proc/sys/net/ipv4/ip_forward; the slash form ("net/ipv4/conf/eth0.1/...") as is. */
  static String path(String name) {
    int dot = name.indexOf('.');
    int slash = name.indexOf('/');
    boolean slashForm = slash >= 0 && (dot < 0 || slash < dot);
    return "/proc/sys/" + (slashForm ? name : name.replace('.', '/'));
  }
}
