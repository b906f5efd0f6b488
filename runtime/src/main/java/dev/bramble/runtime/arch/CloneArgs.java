package dev.bramble.runtime.arch;

/**
 * The register arguments of {@code clone(2)} by meaning, whatever order the architecture passes them in. The kernel's
 * default order (x86_64) is flags, stack, parent_tid, child_tid, tls; architectures that select
 * CONFIG_CLONE_BACKWARDS (aarch64, arm, i386, powerpc...) swap the last two: flags, stack, parent_tid, tls,
 * child_tid.
 */
public record CloneArgs(long flags, long stack, long parentTid, long childTid, long tls) {

  /** Which syscall argument (0..5) carries each clone field on one architecture. */
  public record Order(int flags, int stack, int parentTid, int childTid, int tls) {
    /** The kernel's default order, used by x86_64: child_tid before tls. */
    public static final Order DEFAULT = new Order(0, 1, 2, 3, 4);

    /** CONFIG_CLONE_BACKWARDS, used by aarch64: tls before child_tid. */
    public static final Order CLONE_BACKWARDS = new Order(0, 1, 2, 4, 3);

    public Order {
      int seen = 0;
      for (int i : new int[] {flags, stack, parentTid, childTid, tls}) {
        if (i < 0 || i > 5 || (seen & (1 << i)) != 0) {
          throw new IllegalArgumentException(
              "clone argument positions must be distinct and in 0..5, got flags="
                  + flags
                  + " stack="
                  + stack
                  + " parentTid="
                  + parentTid
                  + " childTid="
                  + childTid
                  + " tls="
                  + tls);
        }
        seen |= 1 << i;
      }
    }
  }
}
