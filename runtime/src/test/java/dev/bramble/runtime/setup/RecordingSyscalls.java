package dev.bramble.runtime.setup;

import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RemoteSyscalls} that records every call as one readable line and succeeds, handing out fds from 10 up;
 * paths listed in {@link #missing} fail openat2 with ENOENT until something creates them.
 */
final class RecordingSyscalls implements RemoteSyscalls {
  final List<String> calls = new ArrayList<>();
  final Set<String> missing = new HashSet<>();
  final Set<String> notDirectories = new HashSet<>();
  final Map<Integer, String> fds = new HashMap<>();
  long statfsFlags;
  private int nextFd = 10;

  @Override
  public int pid() {
    return 4242;
  }

  @Override
  public long raw(String syscall, long... args) {
    calls.add(syscall + java.util.Arrays.toString(args));
    return 0;
  }

  private int fd(String path) {
    int fd = nextFd++;
    fds.put(fd, path);
    return fd;
  }

  /** The path behind an fd, or the literal text for others. */
  String describe(String target) {
    if (target.startsWith("/proc/self/fd/")) {
      return "fd:" + fds.get(Integer.parseInt(target.substring(14)));
    }
    return target;
  }

  @Override
  public int openat(int dirfd, String path, int flags, int mode) {
    calls.add("openat(" + (dirfd == AT_FDCWD ? "." : fds.get(dirfd)) + ", " + path + ")");
    return fd(path);
  }

  @Override
  public int openat2(int dirfd, String path, long flags, long mode, long resolve) {
    String full = fds.get(dirfd) + "|" + path;
    boolean wantsDir = (flags & 0200000) != 0;
    if (missing.contains(path) || wantsDir && notDirectories.contains(path)) {
      throw new SyscallException("openat2", missing.contains(path) ? Errno.ENOENT : Errno.ENOTDIR, path);
    }
    if ((resolve & 0x10) == 0) {
      throw new AssertionError("openat2 without RESOLVE_IN_ROOT: " + full);
    }
    return fd(path);
  }

  @Override
  public void close(int fd) {}

  @Override
  public void closeRange(int first, int last, int flags) {
    calls.add("close_range(" + first + ")");
  }

  @Override
  public void mkdirat(int dirfd, String path, int mode) {
    String parent = fds.get(dirfd);
    String created = parent.equals(".") ? path : parent + "/" + path;
    missing.remove(created);
    calls.add("mkdirat(" + created + ", 0" + Integer.toOctalString(mode) + ")");
  }

  @Override
  public void mknodat(int dirfd, String path, int mode, long device) {
    calls.add("mknodat(" + fds.get(dirfd) + "/" + path + ", 0" + Integer.toOctalString(mode) + ", 0x"
        + Long.toHexString(device) + ")");
  }

  @Override
  public void symlinkat(String target, int dirfd, String linkPath) {
    calls.add("symlinkat(" + fds.get(dirfd) + "/" + linkPath + " -> " + target + ")");
  }

  @Override
  public void fchownat(int dirfd, String path, int uid, int gid, int flags) {
    calls.add("fchownat(" + fds.get(dirfd) + "/" + path + ", " + uid + ", " + gid + ")");
  }

  @Override
  public void mount(String source, String target, String fsType, long flags, String data) {
    calls.add("mount(" + (source.startsWith("/proc/self/fd/") ? describe(source) : source) + ", "
        + describe(target) + ", " + fsType + ", 0x" + Long.toHexString(flags) + ", " + data + ")");
  }

  @Override
  public void umount2(String target, int flags) {
    calls.add("umount2(" + target + ", " + flags + ")");
  }

  @Override
  public void pivotRoot(String newRoot, String putOld) {
    calls.add("pivot_root(" + newRoot + ", " + putOld + ")");
  }

  @Override
  public void chdir(String path) {
    calls.add("chdir(" + path + ")");
  }

  @Override
  public void fchdir(int fd) {
    calls.add("fchdir(" + fds.get(fd) + ")");
  }

  @Override
  public void chroot(String path) {
    calls.add("chroot(" + path + ")");
  }

  @Override
  public void sethostname(String name) {
    calls.add("sethostname(" + name + ")");
  }

  @Override
  public void setdomainname(String name) {
    calls.add("setdomainname(" + name + ")");
  }

  @Override
  public void unshare(long flags) {
    calls.add("unshare(0x" + Long.toHexString(flags) + ")");
  }

  @Override
  public void setns(int fd, int nsType) {
    calls.add("setns(" + fds.get(fd) + ", 0x" + Integer.toHexString(nsType) + ")");
  }

  @Override
  public void setresuid(int ruid, int euid, int suid) {
    calls.add("setresuid(" + ruid + ")");
  }

  @Override
  public void setresgid(int rgid, int egid, int sgid) {
    calls.add("setresgid(" + rgid + ")");
  }

  @Override
  public void setgroups(int[] gids) {
    calls.add("setgroups(" + java.util.Arrays.toString(gids) + ")");
  }

  @Override
  public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
    calls.add("prctl(" + option + ", " + arg2 + ")");
    return 0;
  }

  @Override
  public int umask(int mask) {
    calls.add("umask(0" + Integer.toOctalString(mask) + ")");
    return 022;
  }

  @Override
  public long statfsFlags(String path) {
    return statfsFlags;
  }

  @Override
  public void capset(long effective, long permitted, long inheritable) {
    calls.add("capset(0x" + Long.toHexString(effective) + ", 0x" + Long.toHexString(permitted) + ", 0x"
        + Long.toHexString(inheritable) + ")");
  }

  @Override
  public void setrlimit(int resource, long soft, long hard) {
    calls.add("setrlimit(" + resource + ", " + soft + ", " + hard + ")");
  }

  @Override
  public long ioctl(int fd, long request, long arg) {
    calls.add("ioctl(" + fds.get(fd) + ", 0x" + Long.toHexString(request) + ", " + arg + ")");
    return request == 0x5441 ? fd(fds.get(fd) + "-peer") : 0;
  }

  @Override
  public void ioctlIn(int fd, long request, byte[] in) {
    calls.add("ioctl(" + fds.get(fd) + ", 0x" + Long.toHexString(request) + ", " + java.util.Arrays.toString(in)
        + ")");
  }

  @Override
  public int ioctlOutInt(int fd, long request) {
    calls.add("ioctl(" + fds.get(fd) + ", 0x" + Long.toHexString(request) + ", &out)");
    return 3;
  }

  /** What fstat reports for each path (by default a character device 1:3, i.e. a real /dev/null). */
  final java.util.Map<String, FileStatus> statuses = new HashMap<>();

  @Override
  public FileStatus fstat(int fd) {
    calls.add("fstat(" + fds.get(fd) + ")");
    return statuses.getOrDefault(fds.get(fd), new FileStatus(0020666, 1, 3));
  }

  @Override
  public long personality(long persona) {
    calls.add("personality(0x" + Long.toHexString(persona) + ")");
    return 0;
  }

  @Override
  public void schedSetattr(dev.bramble.runtime.config.ContainerConfig.SchedAttr attr) {
    calls.add("sched_setattr(" + attr + ")");
  }

  @Override
  public void ioprioSet(int value) {
    calls.add("ioprio_set(0x" + Integer.toHexString(value) + ")");
  }

  @Override
  public long joinSessionKeyring(String name) {
    calls.add("keyctl_join(" + name + ")");
    return 1;
  }

  @Override
  public void setsid() {
    calls.add("setsid()");
  }

  @Override
  public void dup3(int oldFd, int newFd, int flags) {
    calls.add("dup3(" + fds.get(oldFd) + ", " + newFd + ")");
  }

  @Override
  public void write(int fd, byte[] data) {
    calls.add("write(" + fds.get(fd) + ")");
  }

  @Override
  public int execve(String path, List<String> argv, List<String> env) {
    calls.add("execve(" + path + ")");
    return 0;
  }

  @Override
  public long seccompFilter(byte[] program, int flags) {
    calls.add("seccomp(" + program.length / 8 + " instructions, flags 0x" + Integer.toHexString(flags) + ")");
    return 0;
  }

  /** Calls whose text contains {@code fragment}. */
  List<String> matching(String fragment) {
    return calls.stream().filter(c -> c.contains(fragment)).toList();
  }
}
