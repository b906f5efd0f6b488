package dev.bramble.runtime.elf;

/**
 * One ELF program header (the fields the kernel's loader looks at). Offsets and addresses are unsigned 64-bit values
 * held in a {@code long}; 32-bit files are widened without sign extension.
 */
public record ProgramHeader(int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {
  public static final int PT_LOAD = 1;
  public static final int PT_INTERP = 3;

  public boolean isLoad() {
    return type == PT_LOAD;
  }

  /**
   * Whether the kernel can map this segment with pages of {@code pageSize} bytes: file offset and virtual address
   * must be congruent modulo the page size, or the mmap of the segment fails (the loader aligns both down).
   */
  public boolean mappableWith(long pageSize) {
    return Long.remainderUnsigned(vaddr - offset, pageSize) == 0;
  }

  /** p_align 0 and 1 both mean "no alignment constraint". */
  public long effectiveAlign() {
    return align <= 1 ? 1 : align;
  }
}
