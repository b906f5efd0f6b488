package dev.bramble.runtime.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers the unaligned MAP_FIXED probe the way the kernel's __get_unmapped_area does: the length is page-aligned,
 * a range above TASK_SIZE is ENOMEM (checked first), an unaligned address inside is EINVAL. Records every call.
 */
public final class FakeAddressSpaceProbe implements AddressSpaceProbe {
  static final int ENOMEM = 12;
  static final int EINVAL = 22;

  private final long taskSize;
  private final long pageSize;
  private final int forcedErrno;
  private final List<Long> addresses = new ArrayList<>();

  private FakeAddressSpaceProbe(long taskSize, long pageSize, int forcedErrno) {
    this.taskSize = taskSize;
    this.pageSize = pageSize;
    this.forcedErrno = forcedErrno;
  }

  public static FakeAddressSpaceProbe withTaskSize(long taskSize, long pageSize) {
    return new FakeAddressSpaceProbe(taskSize, pageSize, -1);
  }

  /** A probe that always fails with {@code errno}, as when a seccomp filter around bramble blocks mmap. */
  public static FakeAddressSpaceProbe failingWith(int errno) {
    return new FakeAddressSpaceProbe(0, 4096, errno);
  }

  @Override
  public int mapFixedErrno(long address, long length) {
    addresses.add(address);
    if (forcedErrno >= 0) {
      return forcedErrno;
    }
    long aligned = (length + pageSize - 1) / pageSize * pageSize;
    if (Long.compareUnsigned(address, taskSize - aligned) > 0) {
      return ENOMEM;
    }
    return address % pageSize != 0 ? EINVAL : 0;
  }

  public List<Long> addresses() {
    return addresses;
  }
}
