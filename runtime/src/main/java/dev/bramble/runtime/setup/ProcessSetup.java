package dev.bramble.runtime.setup;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.CapabilitySets;
import dev.bramble.runtime.config.ContainerConfig.ProcessConfig;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.sentry.RemoteSyscalls;

/**
 * The init's identity after pivot_root, in runc's order: hostname, read-only root, rlimits, no_new_privs, then the
 * capability bounding set, the user (keeping capabilities across setuid), the remaining capability sets, umask and
 * working directory. Everything left is the execve at {@code start}.
 */
final class ProcessSetup {
  private static final int PR_SET_KEEPCAPS = 8, PR_CAPBSET_DROP = 24, PR_SET_NO_NEW_PRIVS = 38,
      PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;
  private static final int DEFAULT_UMASK = 0022;

  private final RemoteSyscalls sys;
  private final ContainerConfig config;
  private final int lastCapability;
  private final java.util.function.Consumer<RemoteSyscalls> installSeccomp;

  ProcessSetup(RemoteSyscalls sys, ContainerConfig config, int lastCapability) {
    this(sys, config, lastCapability, process -> {});
  }

  /** @param installSeccomp installs the container's seccomp filters into the process (see {@link #credentials}) */
  ProcessSetup(RemoteSyscalls sys, ContainerConfig config, int lastCapability,
      java.util.function.Consumer<RemoteSyscalls> installSeccomp) {
    this.sys = sys;
    this.config = config;
    this.lastCapability = lastCapability;
    this.installSeccomp = installSeccomp;
  }

  void identity() {
    if (config.hostname() != null && !config.hostname().isEmpty()) {
      sys.sethostname(config.hostname());
    }
    if (config.domainname() != null && !config.domainname().isEmpty()) {
      sys.setdomainname(config.domainname());
    }
  }

  void readonlyRoot() {
    if (config.readonlyRoot()) {
      long locked = MountFlags.lockedFromStatfs(sys.statfsFlags("/"));
      sys.mount("", "/", "", MountFlags.BIND | MountFlags.REMOUNT | MountFlags.RDONLY | locked, "");
    }
  }

  void credentials() {
    credentials(config.process());
  }

  /** Limits, no_new_privs, capabilities, user, umask and cwd of {@code p} — for the init and for exec'd processes. */
  void credentials(ProcessConfig p) {
    for (ContainerConfig.Rlimit r : p.rlimits()) {
      sys.setrlimit(r.resource(), r.soft(), r.hard());
    }
    if (config.personality() != null) {
      sys.personality(config.personality());
    }
    if (p.scheduler() != null) {
      sys.schedSetattr(p.scheduler());
    }
    if (p.ioPriority() != null) {
      sys.ioprioSet(p.ioPriority());
    }
    if (p.apparmorProfile() != null) {
      // the profile takes effect at the next execve, the entrypoint's (runc: /proc/self/attr/apparmor/exec)
      int attr = sys.openat(RemoteSyscalls.AT_FDCWD, "/proc/self/attr/apparmor/exec",
          dev.bramble.runtime.arch.OpenFlags.O_WRONLY | dev.bramble.runtime.arch.OpenFlags.O_CLOEXEC, 0);
      try {
        sys.write(attr, ("exec " + p.apparmorProfile()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } finally {
        sys.close(attr);
      }
    }
    if (p.noNewPrivileges()) {
      sys.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    } else {
      // runc's order: without no_new_privs, installing a filter takes CAP_SYS_ADMIN, which the capability steps
      // below drop — so the filters go on now, and the remaining setup calls pass through them
      installSeccomp.accept(sys);
    }
    CapabilitySets caps = p.capabilities();
    for (int cap = 0; cap <= lastCapability; cap++) {
      if ((caps.bounding() & (1L << cap)) == 0) {
        sys.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
      }
    }
    sys.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
    sys.setgroups(p.additionalGids().stream().mapToInt(Integer::intValue).toArray());
    sys.setresgid(p.gid(), p.gid(), p.gid());
    sys.setresuid(p.uid(), p.uid(), p.uid());
    sys.prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    sys.capset(caps.effective(), caps.permitted(), caps.inheritable());
    sys.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    for (int cap = 0; cap <= lastCapability; cap++) {
      if ((caps.ambient() & (1L << cap)) != 0) {
        sys.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
      }
    }
    sys.umask(p.umask() != null ? p.umask() : DEFAULT_UMASK);
    sys.chdir(p.cwd());
    if (p.noNewPrivileges()) {
      installSeccomp.accept(sys); // as late as possible: nothing but the execve passes through the filters
    }
  }
}
