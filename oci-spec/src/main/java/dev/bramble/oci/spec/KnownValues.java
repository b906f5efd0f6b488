package dev.bramble.oci.spec;

import java.util.List;

/**
 * The closed vocabularies of runtime-spec v1.2 for Linux, as data. Lists keep a meaningful order:
 * {@link #CAPABILITIES} and {@link #RLIMITS} are in kernel number order, so {@code indexOf} gives
 * the number (rlimit numbers are the asm-generic ones, identical on x86_64 and aarch64).
 */
public final class KnownValues {
  private KnownValues() {}

  /** Namespace types (config-linux.md "Namespaces"). */
  public static final List<String> NAMESPACE_TYPES =
      List.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time");

  /** Capability names; the index is the capability number (0 = CAP_CHOWN ... 40). */
  public static final List<String> CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  /** rlimit names; the index is the resource number (asm-generic, x86_64 and aarch64). */
  public static final List<String> RLIMITS =
      List.of(
          "RLIMIT_CPU",
          "RLIMIT_FSIZE",
          "RLIMIT_DATA",
          "RLIMIT_STACK",
          "RLIMIT_CORE",
          "RLIMIT_RSS",
          "RLIMIT_NPROC",
          "RLIMIT_NOFILE",
          "RLIMIT_MEMLOCK",
          "RLIMIT_AS",
          "RLIMIT_LOCKS",
          "RLIMIT_SIGPENDING",
          "RLIMIT_MSGQUEUE",
          "RLIMIT_NICE",
          "RLIMIT_RTPRIO",
          "RLIMIT_RTTIME");

  /** Seccomp actions (config-linux.md "Seccomp"). */
  public static final List<String> SECCOMP_ACTIONS =
      List.of(
          "SCMP_ACT_KILL",
          "SCMP_ACT_KILL_PROCESS",
          "SCMP_ACT_KILL_THREAD",
          "SCMP_ACT_TRAP",
          "SCMP_ACT_ERRNO",
          "SCMP_ACT_TRACE",
          "SCMP_ACT_ALLOW",
          "SCMP_ACT_LOG",
          "SCMP_ACT_NOTIFY");

  /** Seccomp actions that carry an errno ({@code errnoRet}, {@code defaultErrnoRet}). */
  public static final List<String> SECCOMP_ERRNO_ACTIONS =
      List.of("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE");

  /** Seccomp architectures (config-linux.md "Seccomp"). */
  public static final List<String> SECCOMP_ARCHES =
      List.of(
          "SCMP_ARCH_X86",
          "SCMP_ARCH_X86_64",
          "SCMP_ARCH_X32",
          "SCMP_ARCH_ARM",
          "SCMP_ARCH_AARCH64",
          "SCMP_ARCH_MIPS",
          "SCMP_ARCH_MIPS64",
          "SCMP_ARCH_MIPS64N32",
          "SCMP_ARCH_MIPSEL",
          "SCMP_ARCH_MIPSEL64",
          "SCMP_ARCH_MIPSEL64N32",
          "SCMP_ARCH_PPC",
          "SCMP_ARCH_PPC64",
          "SCMP_ARCH_PPC64LE",
          "SCMP_ARCH_S390",
          "SCMP_ARCH_S390X",
          "SCMP_ARCH_PARISC",
          "SCMP_ARCH_PARISC64",
          "SCMP_ARCH_RISCV64",
          "SCMP_ARCH_LOONGARCH64",
          "SCMP_ARCH_M68K",
          "SCMP_ARCH_SH",
          "SCMP_ARCH_SHEB");

  /** Seccomp argument operators. */
  public static final List<String> SECCOMP_OPERATORS =
      List.of(
          "SCMP_CMP_NE",
          "SCMP_CMP_LT",
          "SCMP_CMP_LE",
          "SCMP_CMP_EQ",
          "SCMP_CMP_GE",
          "SCMP_CMP_GT",
          "SCMP_CMP_MASKED_EQ");

  /** seccomp(2) filter flags: the spec's three plus TSYNC, which runc also accepts. */
  public static final List<String> SECCOMP_FLAGS =
      List.of(
          "SECCOMP_FILTER_FLAG_TSYNC",
          "SECCOMP_FILTER_FLAG_LOG",
          "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
          "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

  /** Mount propagation values for rootfsPropagation and mount options. */
  public static final List<String> PROPAGATIONS =
      List.of(
          "private",
          "rprivate",
          "shared",
          "rshared",
          "slave",
          "rslave",
          "unbindable",
          "runbindable");

  /** linux.devices[].type: char, block, unbuffered char, FIFO. */
  public static final List<String> DEVICE_TYPES = List.of("c", "b", "u", "p");

  /** linux.resources.devices[].type: all, char, block. */
  public static final List<String> DEVICE_CGROUP_TYPES = List.of("a", "c", "b");

  /** linux.personality.domain. */
  public static final List<String> PERSONALITY_DOMAINS = List.of("LINUX", "LINUX32");

  /** process.scheduler.policy. */
  public static final List<String> SCHEDULER_POLICIES =
      List.of(
          "SCHED_OTHER",
          "SCHED_FIFO",
          "SCHED_RR",
          "SCHED_BATCH",
          "SCHED_ISO",
          "SCHED_IDLE",
          "SCHED_DEADLINE");

  /** process.scheduler.flags. */
  public static final List<String> SCHEDULER_FLAGS =
      List.of(
          "SCHED_FLAG_RESET_ON_FORK",
          "SCHED_FLAG_RECLAIM",
          "SCHED_FLAG_DL_OVERRUN",
          "SCHED_FLAG_KEEP_POLICY",
          "SCHED_FLAG_KEEP_PARAMS",
          "SCHED_FLAG_UTIL_CLAMP_MIN",
          "SCHED_FLAG_UTIL_CLAMP_MAX");

  /** process.ioPriority.class. */
  public static final List<String> IOPRIO_CLASSES =
      List.of("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE");

  /** Clocks a time namespace can offset (keys of linux.timeOffsets). */
  public static final List<String> TIME_OFFSET_CLOCKS = List.of("boottime", "monotonic");

  /** Hook names, in lifecycle order. */
  public static final List<String> HOOK_NAMES =
      List.of(
          "prestart",
          "createRuntime",
          "createContainer",
          "startContainer",
          "poststart",
          "poststop");

  /** Mount options a Linux runtime MUST (or, for the idmap ones, SHOULD) understand (config.md). */
  public static final List<String> MOUNT_OPTIONS =
      List.of(
          "async",
          "atime",
          "bind",
          "defaults",
          "dev",
          "diratime",
          "dirsync",
          "exec",
          "iversion",
          "lazytime",
          "loud",
          "mand",
          "noatime",
          "nodev",
          "nodiratime",
          "noexec",
          "noiversion",
          "nolazytime",
          "nomand",
          "norelatime",
          "nostrictatime",
          "nosuid",
          "nosymfollow",
          "private",
          "ratime",
          "rbind",
          "rdev",
          "rdiratime",
          "relatime",
          "remount",
          "rexec",
          "rnoatime",
          "rnodiratime",
          "rnoexec",
          "rnorelatime",
          "rnostrictatime",
          "rnosuid",
          "rnosymfollow",
          "ro",
          "rprivate",
          "rrelatime",
          "rro",
          "rrw",
          "rshared",
          "rslave",
          "rstrictatime",
          "rsuid",
          "rsymfollow",
          "runbindable",
          "rw",
          "shared",
          "silent",
          "slave",
          "strictatime",
          "suid",
          "symfollow",
          "sync",
          "tmpcopyup",
          "unbindable",
          "idmap",
          "ridmap");
}
