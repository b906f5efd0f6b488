package dev.bramble.runtime.linux;

/** bpf(2) command, program type, attach type and flag numbers (uapi/linux/bpf.h; the same on every arch). */
public final class Bpf {
  public static final int PROG_LOAD = 5, PROG_ATTACH = 8, PROG_DETACH = 9, PROG_QUERY = 16;

  public static final int PROG_TYPE_CGROUP_DEVICE = 15;

  public static final int ATTACH_CGROUP_DEVICE = 6;

  /** Descendant cgroups may attach programs of their own; all of them must allow an access. */
  public static final int F_ALLOW_MULTI = 2;

  private Bpf() {}
}
