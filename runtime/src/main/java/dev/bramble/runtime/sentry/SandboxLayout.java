package dev.bramble.runtime.sentry;

/**
 * Where the sentry puts its own pages in a tracee, computed from the measured top of user space (the probe of the
 * gating step) and the real page size — never a hard-coded 2^47 address, which does not exist on a 39-bit
 * Raspberry Pi kernel.
 *
 * @param taskSize the first address above user space (TASK_SIZE), as measured
 * @param pageSize the host page size (4K, 16K or 64K)
 */
public record SandboxLayout(long taskSize, long pageSize) {
  /** Room for injected arguments: the largest execve argv+envp bramble stages. */
  public static final int SCRATCH_SIZE = 1 << 20;

  public SandboxLayout {
    if (Long.bitCount(pageSize) != 1 || pageSize < 4096) {
      throw new IllegalArgumentException("page size " + pageSize + " is not a power of two >= 4096");
    }
    if (taskSize < (1L << 32)) {
      throw new IllegalArgumentException("task size 0x" + Long.toHexString(taskSize) + " is too small");
    }
  }

  /** The n-th candidate address for the scratch region, just under the top, a guard page apart, page aligned. */
  public long scratchCandidate(int attempt) {
    long top = (taskSize & -pageSize) - pageSize;
    return (top - (long) (attempt + 1) * (SCRATCH_SIZE + pageSize)) & -pageSize;
  }
}
