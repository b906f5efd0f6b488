package dev.bramble.runtime.arch;

/**
 * {@code open(2)} flag values as the kernel sees them in an injected {@code openat}/{@code openat2}. Most are the same
 * on x86_64 and aarch64 (the static constants); four differ because arm64 inherited arm's asm/fcntl.h: O_DIRECTORY,
 * O_NOFOLLOW, O_DIRECT and O_LARGEFILE (instance methods of {@link #of(Arch)}). Values are octal as in the uapi
 * headers; {@code OpenFlagsTest} checks them against the headers of both architectures.
 */
public final class OpenFlags {
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 01;
  public static final int O_RDWR = 02;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_NOCTTY = 0400;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DSYNC = 010000;
  public static final int O_NOATIME = 01000000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_PATH = 010000000;

  /** {@code __O_TMPFILE}; O_TMPFILE is this plus the arch's O_DIRECTORY ({@link #tmpfile()}). */
  static final int O_TMPFILE_BASE = 020000000;

  private static final OpenFlags X86_64 = new OpenFlags(Arch.X86_64, 0200000, 0400000, 040000, 0100000);
  private static final OpenFlags AARCH64 = new OpenFlags(Arch.AARCH64, 040000, 0100000, 0200000, 0400000);

  private final Arch arch;
  private final int directory;
  private final int noFollow;
  private final int direct;
  private final int largeFile;

  private OpenFlags(Arch arch, int directory, int noFollow, int direct, int largeFile) {
    this.arch = arch;
    this.directory = directory;
    this.noFollow = noFollow;
    this.direct = direct;
    this.largeFile = largeFile;
  }

  /** The flag values of {@code arch}. */
  public static OpenFlags of(Arch arch) {
    return switch (arch) {
      case X86_64 -> X86_64;
      case AARCH64 -> AARCH64;
    };
  }

  public Arch arch() {
    return arch;
  }

  /** O_DIRECTORY: x86_64 0200000, aarch64 040000. */
  public int directory() {
    return directory;
  }

  /** O_NOFOLLOW: x86_64 0400000, aarch64 0100000. */
  public int noFollow() {
    return noFollow;
  }

  /** O_DIRECT: x86_64 040000, aarch64 0200000. */
  public int direct() {
    return direct;
  }

  /** O_LARGEFILE (implied for 64-bit callers, but visible in flags read back, e.g. /proc/pid/fdinfo). */
  public int largeFile() {
    return largeFile;
  }

  /** O_TMPFILE: {@code __O_TMPFILE | O_DIRECTORY}. */
  public int tmpfile() {
    return O_TMPFILE_BASE | directory;
  }

  @Override
  public String toString() {
    return "OpenFlags[" + arch.unameName() + "]";
  }
}
