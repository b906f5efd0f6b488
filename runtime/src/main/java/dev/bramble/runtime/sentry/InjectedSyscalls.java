package dev.bramble.runtime.sentry;

import dev.bramble.runtime.arch.SyscallTable;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SyscallException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** {@link RemoteSyscalls} carried out by syscall injection into one stopped tracee. */
final class InjectedSyscalls implements RemoteSyscalls {
  /** f_flags sits after nine 64-bit words plus f_frsize in struct statfs on both x86_64 and aarch64 (asm-generic). */
  private static final int STATFS_SIZE = 120, STATFS_FLAGS_OFFSET = 80;

  private final int pid;
  private final Injector injector;
  private final ScratchArena arena;
  private final SyscallTable table;

  InjectedSyscalls(int pid, Injector injector, ScratchArena arena, SyscallTable table) {
    this.pid = pid;
    this.injector = injector;
    this.arena = arena;
    this.table = table;
  }

  @Override
  public int pid() {
    return pid;
  }

  /** Where this tracee's scratch region starts (a clone inherits the region at the same address). */
  long scratchBase() {
    return arena.base();
  }

  @Override
  public long raw(String syscall, long... args) {
    arena.flush(pid);
    long rv = injector.inject(pid, table.require(syscall), args);
    arena.reset();
    return rv;
  }

  private long call(String syscall, String subject, long... args) {
    long rv = raw(syscall, args);
    if (Errno.isError(rv)) {
      throw new SyscallException(syscall, (int) -rv, subject);
    }
    return rv;
  }

  private long str(String s) {
    return s == null ? 0 : arena.putString(s);
  }

  @Override
  public int openat(int dirfd, String path, int flags, int mode) {
    return (int) call("openat", path, dirfd, str(path), flags, mode);
  }

  @Override
  public int openat2(int dirfd, String path, long flags, long mode, long resolve) {
    long p = str(path);
    long how = arena.putLongs(flags, mode, resolve);
    return (int) call("openat2", path, dirfd, p, how, 24);
  }

  @Override
  public void close(int fd) {
    call("close", "fd " + fd, fd);
  }

  @Override
  public void closeRange(int first, int last, int flags) {
    call("close_range", "fds " + first + ".." + Integer.toUnsignedString(last), first, last & 0xffffffffL, flags);
  }

  @Override
  public void mkdirat(int dirfd, String path, int mode) {
    call("mkdirat", path, dirfd, str(path), mode);
  }

  @Override
  public void mknodat(int dirfd, String path, int mode, long device) {
    call("mknodat", path, dirfd, str(path), mode, device);
  }

  @Override
  public void symlinkat(String target, int dirfd, String linkPath) {
    call("symlinkat", linkPath + " -> " + target, str(target), dirfd, str(linkPath));
  }

  @Override
  public void fchownat(int dirfd, String path, int uid, int gid, int flags) {
    call("fchownat", path, dirfd, str(path), uid, gid, flags);
  }

  @Override
  public void mount(String source, String target, String fsType, long flags, String data) {
    String subject = (source == null ? "" : source + " on ") + target
        + (fsType == null || fsType.isEmpty() ? "" : " (type " + fsType + ")");
    call("mount", subject, str(source), str(target), str(fsType), flags, str(data));
  }

  @Override
  public void umount2(String target, int flags) {
    call("umount2", target, str(target), flags);
  }

  @Override
  public void pivotRoot(String newRoot, String putOld) {
    call("pivot_root", newRoot, str(newRoot), str(putOld));
  }

  @Override
  public void chdir(String path) {
    call("chdir", path, str(path));
  }

  @Override
  public void fchdir(int fd) {
    call("fchdir", "fd " + fd, fd);
  }

  @Override
  public void chroot(String path) {
    call("chroot", path, str(path));
  }

  @Override
  public void sethostname(String name) {
    byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    call("sethostname", name, arena.putBytes(b), b.length);
  }

  @Override
  public void setdomainname(String name) {
    byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    call("setdomainname", name, arena.putBytes(b), b.length);
  }

  @Override
  public void unshare(long flags) {
    call("unshare", "flags 0x" + Long.toHexString(flags), flags);
  }

  @Override
  public void setns(int fd, int nsType) {
    call("setns", "fd " + fd + " type 0x" + Integer.toHexString(nsType), fd, nsType);
  }

  @Override
  public void setresuid(int ruid, int euid, int suid) {
    call("setresuid", ruid + "/" + euid + "/" + suid, ruid, euid, suid);
  }

  @Override
  public void setresgid(int rgid, int egid, int sgid) {
    call("setresgid", rgid + "/" + egid + "/" + sgid, rgid, egid, sgid);
  }

  @Override
  public void setgroups(int[] gids) {
    long list = gids.length == 0 ? 0 : arena.putInts(gids);
    call("setgroups", java.util.Arrays.toString(gids), gids.length, list);
  }

  @Override
  public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
    return call("prctl", "option " + option, option, arg2, arg3, arg4, arg5);
  }

  @Override
  public int umask(int mask) {
    return (int) call("umask", Integer.toOctalString(mask), mask);
  }

  @Override
  public long statfsFlags(String path) {
    long p = str(path);
    long buf = arena.reserve(STATFS_SIZE);
    arena.flush(pid);
    long rv = injector.inject(pid, table.require("statfs"), p, buf);
    if (Errno.isError(rv)) {
      arena.reset();
      throw new SyscallException("statfs", (int) -rv, path);
    }
    byte[] out = arena.read(pid, buf, STATFS_SIZE);
    arena.reset();
    return ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).getLong(STATFS_FLAGS_OFFSET);
  }

  @Override
  public void capset(long effective, long permitted, long inheritable) {
    long header = arena.putInts(0x20080522, 0); // _LINUX_CAPABILITY_VERSION_3, this process
    long data = arena.putInts((int) effective, (int) permitted, (int) inheritable,
        (int) (effective >>> 32), (int) (permitted >>> 32), (int) (inheritable >>> 32));
    call("capset", "effective 0x" + Long.toHexString(effective) + " permitted 0x" + Long.toHexString(permitted),
        header, data);
  }

  @Override
  public void setrlimit(int resource, long soft, long hard) {
    long limits = arena.putLongs(soft, hard);
    call("prlimit64", "resource " + resource + " soft " + Long.toUnsignedString(soft) + " hard "
        + Long.toUnsignedString(hard), 0, resource, limits, 0);
  }

  @Override
  public long ioctl(int fd, long request, long arg) {
    return call("ioctl", "fd " + fd + " request 0x" + Long.toHexString(request), fd, request, arg);
  }

  @Override
  public void ioctlIn(int fd, long request, byte[] in) {
    call("ioctl", "fd " + fd + " request 0x" + Long.toHexString(request), fd, request, arena.putBytes(in));
  }

  @Override
  public int ioctlOutInt(int fd, long request) {
    long out = arena.reserve(4);
    arena.flush(pid);
    long rv = injector.inject(pid, table.require("ioctl"), fd, request, out);
    if (Errno.isError(rv)) {
      arena.reset();
      throw new SyscallException("ioctl", (int) -rv, "fd " + fd + " request 0x" + Long.toHexString(request));
    }
    byte[] value = arena.read(pid, out, 4);
    arena.reset();
    return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
  }

  /** struct statx: stx_mode at 28 (u16), stx_rdev_major/minor at 128/132 (u32); 256 bytes in all. */
  private static final int STATX_SIZE = 256, AT_EMPTY_PATH = 0x1000, STATX_BASIC_STATS = 0x7ff;

  @Override
  public FileStatus fstat(int fd) {
    long path = arena.putString("");
    long buf = arena.reserve(STATX_SIZE);
    arena.flush(pid);
    long rv = injector.inject(pid, table.require("statx"), fd, path, AT_EMPTY_PATH, STATX_BASIC_STATS, buf);
    if (Errno.isError(rv)) {
      arena.reset();
      throw new SyscallException("statx", (int) -rv, "fd " + fd);
    }
    ByteBuffer b = ByteBuffer.wrap(arena.read(pid, buf, STATX_SIZE)).order(ByteOrder.nativeOrder());
    arena.reset();
    return new FileStatus(Short.toUnsignedInt(b.getShort(28)), b.getInt(128), b.getInt(132));
  }

  @Override
  public long personality(long persona) {
    return call("personality", "0x" + Long.toHexString(persona), persona);
  }

  @Override
  public void schedSetattr(dev.bramble.runtime.config.ContainerConfig.SchedAttr a) {
    // struct sched_attr (uapi/linux/sched/types.h), SCHED_ATTR_SIZE_VER0 = 48 bytes
    ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.nativeOrder());
    b.putInt(48).putInt(a.policy()).putLong(a.flags()).putInt(a.nice()).putInt(a.priority())
        .putLong(a.runtime()).putLong(a.deadline()).putLong(a.period());
    call("sched_setattr", "policy " + a.policy(), 0, arena.putBytes(b.array()), 0);
  }

  @Override
  public void ioprioSet(int value) {
    call("ioprio_set", "0x" + Integer.toHexString(value), 1, 0, value); // IOPRIO_WHO_PROCESS, this process
  }

  @Override
  public long joinSessionKeyring(String name) {
    return call("keyctl", name, 1, str(name)); // KEYCTL_JOIN_SESSION_KEYRING
  }

  @Override
  public void setsid() {
    call("setsid", "init");
  }

  @Override
  public void dup3(int oldFd, int newFd, int flags) {
    call("dup3", "fd " + oldFd + " -> " + newFd, oldFd, newFd, flags);
  }

  @Override
  public void write(int fd, byte[] data) {
    long rv = call("write", "fd " + fd, fd, arena.putBytes(data), data.length);
    if (rv != data.length) {
      throw new SyscallException("write", Errno.EIO, "fd " + fd + " (short write " + rv + "/" + data.length + ")");
    }
  }

  @Override
  public int execve(String path, List<String> argv, List<String> env) {
    long p = str(path);
    long a = arena.putStringArray(argv);
    long e = arena.putStringArray(env);
    long rv = raw("execve", p, a, e);
    if (rv == Injector.EXECUTED) {
      return 0;
    }
    return Errno.isError(rv) ? (int) -rv : Errno.EINVAL;
  }

  @Override
  public long seccompFilter(byte[] program, int flags) {
    long filter = arena.putBytes(program);
    // struct sock_fprog on LP64: unsigned short len, 6 bytes of padding, struct sock_filter *filter
    ByteBuffer fprog = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    fprog.putShort(0, (short) (program.length / 8));
    fprog.putLong(8, filter);
    long prog = arena.putBytes(fprog.array());
    return call("seccomp", "SECCOMP_SET_MODE_FILTER (" + program.length / 8 + " instructions, flags 0x"
        + Integer.toHexString(flags) + ")", 1, flags, prog);
  }
}
