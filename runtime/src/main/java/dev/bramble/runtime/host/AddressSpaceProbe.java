package dev.bramble.runtime.host;

/**
 * The one native call the host facts need: an mmap that maps nothing and whose errno says whether an address range
 * lies inside the user address space. Implemented by {@code JnaLinuxKernel}; tests pass a fake.
 */
@FunctionalInterface
public interface AddressSpaceProbe {
  /**
   * mmap(address, length, PROT_NONE, MAP_FIXED|MAP_PRIVATE|MAP_ANONYMOUS) with an unaligned address; returns 0 if it
   * unexpectedly succeeded (and was unmapped), else the errno (EINVAL=22 inside, ENOMEM=12 outside).
   */
  int mapFixedErrno(long address, long length);
}
