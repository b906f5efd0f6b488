package dev.bramble.runtime.gate;

import java.util.List;

/**
 * The stable gate ids, in report order. They are part of bramble's interface: users write them in
 * {@code dev.bramble.gate.<id>=warn} annotations and {@code --gate-warn}, so never rename one.
 */
public final class GateIds {
  public static final String HOST_ARCH = "host-arch";
  public static final String KERNEL_VERSION = "kernel-version";
  public static final String SECCOMP_TRACE = "seccomp-trace";
  public static final String PTRACE_SCOPE = "ptrace-scope";
  public static final String LIBSECCOMP = "libseccomp";
  public static final String PAGE_SIZE = "page-size";
  public static final String VA_BITS = "va-bits";
  public static final String NAMESPACES = "namespaces";
  public static final String USER_NAMESPACES = "user-namespaces";
  public static final String MEMORY_CONTROLLER = "memory-controller";
  public static final String PIDS_CONTROLLER = "pids-controller";
  public static final String CPU_CONTROLLER = "cpu-controller";
  public static final String CGROUP_RESOURCES = "cgroup-resources";
  public static final String OVERLAYFS = "overlayfs";
  public static final String ANNOTATIONS = "annotations";
  public static final String ENTRYPOINT_EXISTS = "entrypoint-exists";
  public static final String ENTRYPOINT_ARCH = "entrypoint-arch";
  public static final String ENTRYPOINT_COMPAT32 = "entrypoint-compat32";
  public static final String ENTRYPOINT_ALIGNMENT = "entrypoint-alignment";

  public static final List<String> ALL = List.of(
      HOST_ARCH, KERNEL_VERSION, SECCOMP_TRACE, PTRACE_SCOPE, LIBSECCOMP, PAGE_SIZE, VA_BITS, NAMESPACES,
      USER_NAMESPACES, MEMORY_CONTROLLER, PIDS_CONTROLLER, CPU_CONTROLLER, CGROUP_RESOURCES, OVERLAYFS, ANNOTATIONS,
      ENTRYPOINT_EXISTS, ENTRYPOINT_ARCH, ENTRYPOINT_COMPAT32, ENTRYPOINT_ALIGNMENT);

  /**
   * Gates that cannot be downgraded: {@code annotations} judges the downgrade annotations themselves, so letting it
   * be waved through would let a typo silently disable another gate.
   */
  public static final List<String> NOT_DOWNGRADABLE = List.of(ANNOTATIONS);

  private GateIds() {}

  public static boolean downgradable(String id) {
    return ALL.contains(id) && !NOT_DOWNGRADABLE.contains(id);
  }
}
