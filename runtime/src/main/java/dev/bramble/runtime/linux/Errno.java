package dev.bramble.runtime.linux;

import java.util.Map;

/**
 * Names of the errno values bramble meets. The generic Linux errno numbers are the same on x86_64 and aarch64
 * (both use asm-generic/errno-base.h and errno.h), so one table serves both.
 */
public final class Errno {
  public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
      EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
      EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
      ETXTBSY = 26, ENOSPC = 28, EROFS = 30, EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38,
      ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95, EAFNOSUPPORT = 97, EADDRINUSE = 98,
      ECONNREFUSED = 111;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(EPERM, "EPERM (operation not permitted)"),
      Map.entry(ENOENT, "ENOENT (no such file or directory)"),
      Map.entry(ESRCH, "ESRCH (no such process)"),
      Map.entry(EINTR, "EINTR (interrupted system call)"),
      Map.entry(EIO, "EIO (input/output error)"),
      Map.entry(ENXIO, "ENXIO (no such device or address)"),
      Map.entry(E2BIG, "E2BIG (argument list too long)"),
      Map.entry(ENOEXEC, "ENOEXEC (exec format error)"),
      Map.entry(EBADF, "EBADF (bad file descriptor)"),
      Map.entry(ECHILD, "ECHILD (no child processes)"),
      Map.entry(EAGAIN, "EAGAIN (resource temporarily unavailable)"),
      Map.entry(ENOMEM, "ENOMEM (cannot allocate memory)"),
      Map.entry(EACCES, "EACCES (permission denied)"),
      Map.entry(EFAULT, "EFAULT (bad address)"),
      Map.entry(EBUSY, "EBUSY (device or resource busy)"),
      Map.entry(EEXIST, "EEXIST (file exists)"),
      Map.entry(EXDEV, "EXDEV (invalid cross-device link)"),
      Map.entry(ENODEV, "ENODEV (no such device)"),
      Map.entry(ENOTDIR, "ENOTDIR (not a directory)"),
      Map.entry(EISDIR, "EISDIR (is a directory)"),
      Map.entry(EINVAL, "EINVAL (invalid argument)"),
      Map.entry(ENFILE, "ENFILE (too many open files in system)"),
      Map.entry(EMFILE, "EMFILE (too many open files)"),
      Map.entry(ENOTTY, "ENOTTY (inappropriate ioctl for device)"),
      Map.entry(ETXTBSY, "ETXTBSY (text file busy)"),
      Map.entry(ENOSPC, "ENOSPC (no space left on device)"),
      Map.entry(EROFS, "EROFS (read-only file system)"),
      Map.entry(EPIPE, "EPIPE (broken pipe)"),
      Map.entry(ERANGE, "ERANGE (result out of range)"),
      Map.entry(ENAMETOOLONG, "ENAMETOOLONG (file name too long)"),
      Map.entry(ENOSYS, "ENOSYS (function not implemented)"),
      Map.entry(ENOTEMPTY, "ENOTEMPTY (directory not empty)"),
      Map.entry(ELOOP, "ELOOP (too many levels of symbolic links)"),
      Map.entry(ENODATA, "ENODATA (no data available)"),
      Map.entry(EOPNOTSUPP, "EOPNOTSUPP (operation not supported)"),
      Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT (address family not supported)"),
      Map.entry(EADDRINUSE, "EADDRINUSE (address already in use)"),
      Map.entry(ECONNREFUSED, "ECONNREFUSED (connection refused)"));

  private Errno() {}

  /** "ENOENT (no such file or directory)", or "errno 123" for numbers outside the table. */
  public static String describe(int errno) {
    String name = NAMES.get(errno);
    return name != null ? name : "errno " + errno;
  }

  /** Just the symbolic name, e.g. "ENOENT". */
  public static String name(int errno) {
    String name = NAMES.get(errno);
    return name != null ? name.substring(0, name.indexOf(' ')) : "errno" + errno;
  }

  /** A raw syscall return value in [-4095, -1] is a negated errno. */
  public static boolean isError(long rawReturn) {
    return rawReturn < 0 && rawReturn >= -4095;
  }
}
