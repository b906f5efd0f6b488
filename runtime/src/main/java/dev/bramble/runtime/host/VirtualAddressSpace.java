package dev.bramble.runtime.host;

/**
 * The measured size of the user virtual address space (the kernel's TASK_SIZE for this process).
 *
 * @param bits the address width: 39, 47, 48, 52, 56 ...; {@code 64 - numberOfLeadingZeros(taskSize - 1)}
 * @param taskSize the first address above user space; the sentry places its private pages just below it
 * @param source how it was measured, e.g. the probes and their errnos
 */
public record VirtualAddressSpace(int bits, long taskSize, String source) {
  public static int bitsOf(long taskSize) {
    return 64 - Long.numberOfLeadingZeros(taskSize - 1);
  }

  /** "47 bits (TASK_SIZE 0x7ffffffff000)". */
  public String describe() {
    return bits + " bits (TASK_SIZE 0x" + Long.toHexString(taskSize) + ")";
  }
}
