package dev.bramble.runtime.linux;

/**
 * A failed kernel call: which syscall, which errno, and on what (a path, a pid). Every native failure in bramble
 * surfaces as this one type so messages read the same everywhere: "mount proc on /x: EPERM (operation not permitted)".
 */
public final class SyscallException extends RuntimeException {
  private final String syscall;
  private final int errno;
  private final String subject;

  public SyscallException(String syscall, int errno, String subject) {
    super(syscall + (subject == null || subject.isEmpty() ? "" : " " + subject) + ": " + Errno.describe(errno));
    this.syscall = syscall;
    this.errno = errno;
    this.subject = subject;
  }

  public String syscall() {
    return syscall;
  }

  public int errno() {
    return errno;
  }

  public String subject() {
    return subject;
  }
}
