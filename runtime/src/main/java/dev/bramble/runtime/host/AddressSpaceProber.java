package dev.bramble.runtime.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures the top of the user address space (TASK_SIZE) without mapping anything: an mmap with MAP_FIXED at an
 * unaligned address just below a candidate top fails with ENOMEM when the range lies above TASK_SIZE (the kernel
 * checks the range first) and with EINVAL when it lies inside (then it rejects the alignment).
 *
 * <p>Candidates cover every arm64 VA size (36, 39, 42, 47, 48, 52 bits) and the x86_64 tops, which are a page short
 * of a power of two (4-level 0x7ffffffff000, 5-level 0xfffffffffff000). They are probed from the top down; the first
 * one inside is then checked page by page against the next one up, so a kernel with an unusual TASK_SIZE is still
 * measured exactly. gVisor's probe lacks 47 and reports a 47-bit Raspberry Pi 5 as 39-bit; this one does not.
 */
public final class AddressSpaceProber {
  static final int ENOMEM = 12;
  static final int EINVAL = 22;

  /** A candidate TASK_SIZE and the kernel configuration that produces it. */
  public record Candidate(long taskSize, String meaning) {}

  /** Probed from the top down; the order matters. */
  public static final List<Candidate> CANDIDATES = List.of(
      new Candidate(0xfffffffffff000L, "x86_64 5-level paging (LA57)"),
      new Candidate(1L << 52, "arm64 52-bit VA (LVA/LPA2)"),
      new Candidate(1L << 48, "arm64 48-bit VA"),
      new Candidate(1L << 47, "arm64 47-bit VA (16K pages)"),
      new Candidate(0x7ffffffff000L, "x86_64 4-level paging"),
      new Candidate(1L << 42, "arm64 42-bit VA (64K pages)"),
      new Candidate(1L << 39, "arm64 39-bit VA (4K pages, 3 levels)"),
      new Candidate(1L << 36, "arm64 36-bit VA (16K pages, 2 levels)"));

  /**
   * The outcome of a measurement: the address space, or why it could not be measured.
   *
   * @param detail the probes that decided it, for the "source" of the fact, or the reason for failure
   */
  public record Result(Optional<VirtualAddressSpace> space, String detail) {}

  private final AddressSpaceProbe probe;
  private final long pageSize;
  private final List<String> decisive = new ArrayList<>();

  private AddressSpaceProber(AddressSpaceProbe probe, long pageSize) {
    this.probe = probe;
    this.pageSize = pageSize;
  }

  public static Result measure(AddressSpaceProbe probe, long pageSize) {
    return new AddressSpaceProber(probe, pageSize).run();
  }

  private Result run() {
    Long outsideAbove = null;
    for (Candidate c : CANDIDATES) {
      Optional<Boolean> inside = inside(c.taskSize());
      if (inside.isEmpty()) {
        return failure(c.taskSize());
      }
      if (inside.get()) {
        long top = c.taskSize();
        if (outsideAbove != null) {
          Optional<Long> refined = refine(top, outsideAbove);
          if (refined.isEmpty()) {
            return failure(top);
          }
          top = refined.get();
        }
        String source =
            "mmap probe (unaligned MAP_FIXED below each candidate top): " + String.join(", ", decisive)
                + (top == c.taskSize() ? "; matches " + c.meaning() : "");
        return new Result(
            Optional.of(new VirtualAddressSpace(VirtualAddressSpace.bitsOf(top), top, source)), source);
      }
      outsideAbove = c.taskSize();
    }
    return new Result(
        Optional.empty(),
        "mmap probe: every candidate down to 0x" + Long.toHexString(CANDIDATES.get(CANDIDATES.size() - 1).taskSize())
            + " was outside user space (ENOMEM): " + String.join(", ", decisive));
  }

  /**
   * Finds the exact top between a candidate that is inside and the next one up that is outside: usually one probe
   * (one page above is outside), else a binary search over pages.
   */
  private Optional<Long> refine(long inside, long outside) {
    long low = inside;
    long high = outside;
    if (high - low <= pageSize) {
      return Optional.of(low);
    }
    Optional<Boolean> nextPage = inside(low + pageSize);
    if (nextPage.isEmpty()) {
      return Optional.empty();
    }
    if (!nextPage.get()) {
      return Optional.of(low);
    }
    low += pageSize;
    int steps = 0;
    while (high - low > pageSize) {
      long mid = low + Math.max(1, (high - low) / 2 / pageSize) * pageSize;
      Optional<Boolean> in = quietly(mid);
      steps++;
      if (in.isEmpty()) {
        return Optional.empty();
      }
      if (in.get()) {
        low = mid;
      } else {
        high = mid;
      }
    }
    record("binary search (" + steps + " probes) found the top at 0x" + Long.toHexString(low));
    return Optional.of(low);
  }

  private Optional<Boolean> quietly(long top) {
    int before = decisive.size();
    Optional<Boolean> result = inside(top);
    if (result.isPresent()) {
      decisive.subList(before, decisive.size()).clear();
    }
    return result;
  }

  /** Probes a page-sized range ending one byte below {@code top}: inside iff {@code top <= TASK_SIZE}. */
  private Optional<Boolean> inside(long top) {
    long address = top - pageSize - 1;
    int errno;
    try {
      errno = probe.mapFixedErrno(address, pageSize);
    } catch (RuntimeException | LinkageError e) {
      record("0x" + Long.toHexString(top) + " threw " + e);
      return Optional.empty();
    }
    String label = "0x" + Long.toHexString(top);
    switch (errno) {
      case ENOMEM -> {
        record(label + " ENOMEM (outside)");
        return Optional.of(false);
      }
      case EINVAL, 0 -> {
        record(label + (errno == 0 ? " mapped (inside)" : " EINVAL (inside)"));
        return Optional.of(true);
      }
      default -> {
        record(label + " errno " + errno);
        return Optional.empty();
      }
    }
  }

  private void record(String step) {
    decisive.add(step);
  }

  private Result failure(long top) {
    return new Result(
        Optional.empty(),
        "mmap probe below 0x" + Long.toHexString(top) + " gave neither EINVAL nor ENOMEM ("
            + String.join(", ", decisive) + "); a seccomp filter or LSM around bramble may block mmap");
  }
}
