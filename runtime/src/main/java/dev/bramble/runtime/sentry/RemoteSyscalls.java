package dev.bramble.runtime.sentry;

import java.util.List;

/**
 * Syscalls made by a stopped container process on the sentry's behalf — the vocabulary of container setup. Paths
 * are resolved by the kernel in the tracee (its mount namespace, root and cwd), which is the point: setup happens
 * inside the container's namespaces without the JVM ever entering them.
 *
 * <p>Only *at-style and generic syscalls are used, so the same calls exist on x86_64 and aarch64. Every method
 * throws {@link dev.bramble.runtime.linux.SyscallException} naming the syscall, errno and subject on failure.
 */
public interface RemoteSyscalls {
  int AT_FDCWD = -100;

  /** The tracee's pid (as seen from the host). */
  int pid();

  /** Raw call by syscall name; returns the raw result (negative errno on failure), never throws for errno. */
  long raw(String syscall, long... args);

  int openat(int dirfd, String path, int flags, int mode);

  /** openat2(2) with struct open_how {flags, mode, resolve}; needs Linux 5.6. */
  int openat2(int dirfd, String path, long flags, long mode, long resolve);

  void close(int fd);

  void closeRange(int first, int last, int flags);

  void mkdirat(int dirfd, String path, int mode);

  void mknodat(int dirfd, String path, int mode, long device);

  void symlinkat(String target, int dirfd, String linkPath);

  void fchownat(int dirfd, String path, int uid, int gid, int flags);

  void mount(String source, String target, String fsType, long flags, String data);

  void umount2(String target, int flags);

  void pivotRoot(String newRoot, String putOld);

  void chdir(String path);

  void fchdir(int fd);

  void chroot(String path);

  void sethostname(String name);

  void setdomainname(String name);

  void unshare(long flags);

  void setns(int fd, int nsType);

  void setresuid(int ruid, int euid, int suid);

  void setresgid(int rgid, int egid, int sgid);

  void setgroups(int[] gids);

  long prctl(int option, long arg2, long arg3, long arg4, long arg5);

  int umask(int mask);

  /** statfs(2) f_flags (ST_RDONLY, ST_NOSUID...) of the filesystem at {@code path}. */
  long statfsFlags(String path);

  /** capset(2) version 3 for the calling process: 64-bit masks over capability numbers. */
  void capset(long effective, long permitted, long inheritable);

  /** prlimit64(0, resource, {soft, hard}, NULL). */
  void setrlimit(int resource, long soft, long hard);

  /** ioctl(2) with a plain integer argument; returns the (non-negative) result. */
  long ioctl(int fd, long request, long arg);

  /** ioctl(2) whose argument points at {@code in} (an int, a struct winsize). */
  void ioctlIn(int fd, long request, byte[] in);

  /** ioctl(2) that writes an int through its pointer argument (TIOCGPTN); returns that int. */
  int ioctlOutInt(int fd, long request);

  void setsid();

  void dup3(int oldFd, int newFd, int flags);

  /** What statx(2) says about an open fd: file type and mode bits, and the device numbers of a device node. */
  record FileStatus(int mode, int rdevMajor, int rdevMinor) {
    public boolean isCharacterDevice() {
      return (mode & 0170000) == 0020000;
    }
  }

  /** statx(fd, "", AT_EMPTY_PATH) of an fd the tracee holds (an O_PATH fd works). */
  FileStatus fstat(int fd);

  /** personality(2); returns the previous persona. */
  long personality(long persona);

  /** sched_setattr(0, attr, 0) with struct sched_attr built from {@code attr}. */
  void schedSetattr(dev.bramble.runtime.config.ContainerConfig.SchedAttr attr);

  /** ioprio_set(IOPRIO_WHO_PROCESS, 0, value). */
  void ioprioSet(int value);

  /** keyctl(KEYCTL_JOIN_SESSION_KEYRING, name): a new session keyring of that name; returns its serial. */
  long joinSessionKeyring(String name);

  /** Writes bytes to an fd of the tracee (e.g. a /proc/sys file it opened). */
  void write(int fd, byte[] data);

  /**
   * execve(2). Returns 0 when the tracee now runs the new image (stopped at its exec event), or the errno when the
   * kernel refused (ENOENT, EACCES, ENOEXEC...).
   */
  int execve(String path, List<String> argv, List<String> env);

  /**
   * seccomp(SECCOMP_SET_MODE_FILTER, flags, &amp;{len, program}): stacks a BPF filter on this process and every
   * process it starts. Needs no_new_privs or CAP_SYS_ADMIN. Returns the kernel's result (0, or a listener fd).
   */
  long seccompFilter(byte[] program, int flags);
}
