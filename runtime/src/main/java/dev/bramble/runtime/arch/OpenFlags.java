package dev.bramble.runtime.arch;

/**
 * open(2) flag values. Most are generic, but O_DIRECTORY and O_NOFOLLOW differ: aarch64 uses the values of
 * arch/arm64/include/uapi/asm/fcntl.h (040000 and 0100000), x86_64 the generic ones (0200000 and 0400000).
 */
public record OpenFlags(int directory, int noFollow) {
  public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200,
      O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000, O_CLOEXEC = 02000000,
      O_PATH = 010000000;

  public static OpenFlags of(Arch arch) {
    return switch (arch) {
      case X86_64 -> new OpenFlags(0200000, 0400000);
      case AARCH64 -> new OpenFlags(040000, 0100000);
    };
  }
}
