package dev.bramble.runtime.config;

/** mount(2) flags from include/uapi/linux/mount.h (identical on every Linux architecture). */
public final class MountFlags {
  public static final long RDONLY = 1, NOSUID = 2, NODEV = 4, NOEXEC = 8, SYNCHRONOUS = 16, REMOUNT = 32,
      MANDLOCK = 64, DIRSYNC = 128, NOSYMFOLLOW = 256, NOATIME = 1024, NODIRATIME = 2048, BIND = 4096,
      MOVE = 8192, REC = 16384, SILENT = 32768, UNBINDABLE = 1 << 17, PRIVATE = 1 << 18, SLAVE = 1 << 19,
      SHARED = 1 << 20, RELATIME = 1 << 21, I_VERSION = 1 << 23, STRICTATIME = 1 << 24, LAZYTIME = 1 << 25;

  /** statfs f_flags bits (ST_*) that a bind remount must keep, or the kernel refuses it in a user namespace. */
  public static final long ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8, ST_NOATIME = 1024,
      ST_NODIRATIME = 2048, ST_RELATIME = 4096;

  private MountFlags() {}

  /** Translates statfs f_flags into the mount flags a remount has to repeat. */
  public static long lockedFromStatfs(long stFlags) {
    long flags = 0;
    if ((stFlags & ST_NOSUID) != 0) flags |= NOSUID;
    if ((stFlags & ST_NODEV) != 0) flags |= NODEV;
    if ((stFlags & ST_NOEXEC) != 0) flags |= NOEXEC;
    if ((stFlags & ST_NOATIME) != 0) flags |= NOATIME;
    if ((stFlags & ST_NODIRATIME) != 0) flags |= NODIRATIME;
    if ((stFlags & ST_RELATIME) != 0) flags |= RELATIME;
    if ((stFlags & ST_RDONLY) != 0) flags |= RDONLY;
    return flags;
  }
}
