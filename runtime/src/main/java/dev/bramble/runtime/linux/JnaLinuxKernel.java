package dev.bramble.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import dev.bramble.runtime.arch.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link LinuxKernel} over glibc through JNA direct mapping — the only class in bramble that touches JNA.
 *
 * <p>Hot paths (ptrace, waitpid, process_vm_*) use {@code Native.register} bindings that declare
 * {@code throws LastErrorException}, so errno is captured by JNA right after the call, and per-thread reusable
 * native buffers (the tracer thread calls these thousands of times per second).
 */
public final class JnaLinuxKernel implements LinuxKernel {
  static {
    // JNA's NativeLibrary runs `/sbin/ldconfig -p` (a process spawn, ~15 ms of every verb's start) to learn the
    // library directories, unless they are given. bramble loads only versioned sonames, which dlopen finds anyway.
    if (System.getProperty("jna.platform.library.path") == null) {
      String triplet = "aarch64".equals(System.getProperty("os.arch")) ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
      System.setProperty("jna.platform.library.path",
          "/lib/" + triplet + ":/usr/lib/" + triplet + ":/lib64:/usr/lib64:/lib:/usr/lib");
    }
  }

  /** glibc bindings, registered once. Pointers are passed as raw addresses of {@link Memory} we own. */
  private static final class C {
    static {
      Native.register(C.class, NativeLibrary.getInstance("libc.so.6"));
    }

    static native int getpid();

    static native int gettid(); // glibc >= 2.30

    static native long syscall(long number, long a0, long a1, long a2, long a3, long a4, long a5)
        throws LastErrorException;

    static native int kill(int pid, int sig) throws LastErrorException;

    static native int waitpid(int pid, long status, int options) throws LastErrorException;

    static native long ptrace(long request, int pid, long addr, long data) throws LastErrorException;

    static native long process_vm_readv(int pid, long local, long localCount, long remote, long remoteCount,
        long flags) throws LastErrorException;

    static native long process_vm_writev(int pid, long local, long localCount, long remote, long remoteCount,
        long flags) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int memfd_create(String name, int flags) throws LastErrorException;

    static native int isatty(int fd);

    static native int tcgetattr(int fd, long termios) throws LastErrorException;

    static native int ioctl(int fd, long request, long argp) throws LastErrorException;

    static native int tcsetattr(int fd, int when, long termios) throws LastErrorException;

    static native void cfmakeraw(long termios);

    static native int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int connect(int fd, long address, int length) throws LastErrorException;

    static native int accept4(int fd, long address, long length, int flags) throws LastErrorException;

    static native long sendmsg(int fd, long msghdr, int flags) throws LastErrorException;

    static native long recvmsg(int fd, long msghdr, int flags) throws LastErrorException;

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    static native int fcntl(int fd, int cmd, long arg) throws LastErrorException;

    static native long read(int fd, long buf, long count) throws LastErrorException;

    static native long write(int fd, long buf, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset)
        throws LastErrorException;

    static native int munmap(long addr, long length) throws LastErrorException;

    static native int mount(String source, String target, String fstype, long flags, String data)
        throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    static native int bind(int fd, long address, int length) throws LastErrorException;

    static native int listen(int fd, int backlog) throws LastErrorException;

    // posix_spawn family: these return an error number instead of setting errno.
    static native int posix_spawn(long pid, String path, long fileActions, long attr, Pointer argv, Pointer envp);

    static native int posix_spawn_file_actions_init(long fa);

    static native int posix_spawn_file_actions_destroy(long fa);

    static native int posix_spawn_file_actions_adddup2(long fa, int fd, int newfd);

    static native int posix_spawn_file_actions_addclosefrom_np(long fa, int from);

    static native int posix_spawn_file_actions_addchdir_np(long fa, String path);

    static native int posix_spawnattr_init(long attr);

    static native int posix_spawnattr_destroy(long attr);

    static native int posix_spawnattr_setflags(long attr, short flags);

    static native int posix_spawnattr_setsigmask(long attr, long sigset);

    static native int posix_spawnattr_setsigdefault(long attr, long sigset);

    static native int sigemptyset(long set);

    static native int sigfillset(long set);
  }

  private static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08,
      POSIX_SPAWN_SETSID = 0x80;
  private static final int O_CLOEXEC = 0x80000;
  private static final int PROT_NONE = 0, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
  /** Spawn remaps child fds through this range first so that overlapping source/target numbers cannot clash. */
  private static final int SPAWN_STAGING_FD = 1000;
  private static final int MAX_REGSET_SLOTS = 64;

  private final long nrPidfdOpen;
  private final long nrPidfdGetfd;
  private final long nrBpf;


  /** Native buffers owned by one thread: no allocation on the tracer's hot path. */
  private static final class Scratch {
    final Memory status = new Memory(8);
    final Memory localIov = new Memory(16);
    final Memory remoteIov = new Memory(16);
    final Memory regs = new Memory(MAX_REGSET_SLOTS * 8L);
    final Memory data = new Memory(64 * 1024);

    /** One iovec each side for process_vm_readv/writev: {@code chunk} bytes of {@link #data} and of the tracee. */
    void pointIovecs(long remoteAddress, int chunk) {
      localIov.setLong(0, addr(data));
      localIov.setLong(8, chunk);
      remoteIov.setLong(0, remoteAddress);
      remoteIov.setLong(8, chunk);
    }
  }

  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** @param syscalls the host architecture's syscall table (for the calls glibc 2.36 has no wrapper for) */
  public JnaLinuxKernel(SyscallTable syscalls) {
    this.nrPidfdOpen = syscalls.require("pidfd_open");
    this.nrPidfdGetfd = syscalls.require("pidfd_getfd");
    this.nrBpf = syscalls.require("bpf");
  }

  @Override
  public int getpid() {
    return C.getpid();
  }

  @Override
  public int gettid() {
    return C.gettid();
  }

  @Override
  public int spawn(SpawnRequest request) {
    Memory fa = new Memory(256);
    Memory attr = new Memory(512);
    Memory sigset = new Memory(128);
    Memory pid = new Memory(4);
    check("posix_spawn_file_actions_init", C.posix_spawn_file_actions_init(addr(fa)), request.path());
    check("posix_spawnattr_init", C.posix_spawnattr_init(addr(attr)), request.path());
    try {
      int staging = SPAWN_STAGING_FD;
      List<int[]> staged = new ArrayList<>();
      for (Map.Entry<Integer, Integer> e : request.fds().entrySet()) {
        check("posix_spawn_file_actions_adddup2", C.posix_spawn_file_actions_adddup2(addr(fa), e.getValue(),
            staging), request.path());
        staged.add(new int[] {staging++, e.getKey()});
      }
      for (int[] s : staged) {
        check("posix_spawn_file_actions_adddup2", C.posix_spawn_file_actions_adddup2(addr(fa), s[0], s[1]),
            request.path());
      }
      int highest = request.fds().keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
      check("posix_spawn_file_actions_addclosefrom_np",
          C.posix_spawn_file_actions_addclosefrom_np(addr(fa), highest + 1), request.path());
      if (request.cwd() != null) {
        check("posix_spawn_file_actions_addchdir_np",
            C.posix_spawn_file_actions_addchdir_np(addr(fa), request.cwd()), request.cwd());
      }
      short flags = (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
          | (request.newSession() ? POSIX_SPAWN_SETSID : 0));
      check("posix_spawnattr_setflags", C.posix_spawnattr_setflags(addr(attr), flags), request.path());
      C.sigemptyset(addr(sigset));
      check("posix_spawnattr_setsigmask", C.posix_spawnattr_setsigmask(addr(attr), addr(sigset)),
          request.path());
      C.sigfillset(addr(sigset));
      check("posix_spawnattr_setsigdefault", C.posix_spawnattr_setsigdefault(addr(attr), addr(sigset)),
          request.path());
      StringArray argv = new StringArray(request.argv().toArray(new String[0]), "UTF-8");
      StringArray env = new StringArray(request.env().toArray(new String[0]), "UTF-8");
      check("posix_spawn", C.posix_spawn(addr(pid), request.path(), addr(fa), addr(attr), argv, env),
          request.path());
      return pid.getInt(0);
    } finally {
      C.posix_spawn_file_actions_destroy(addr(fa));
      C.posix_spawnattr_destroy(addr(attr));
    }
  }

  private static long addr(Memory m) {
    return Pointer.nativeValue(m);
  }

  private static void check(String call, int rc, String subject) {
    if (rc != 0) {
      throw new SyscallException(call, rc, subject);
    }
  }

  @Override
  public void kill(int pid, int signal) {
    try {
      C.kill(pid, signal);
    } catch (LastErrorException e) {
      throw new SyscallException("kill", e.getErrorCode(), "pid " + pid + " signal " + signal);
    }
  }

  @Override
  public WaitStatus waitpid(int pid, int options) {
    Scratch s = scratch.get();
    while (true) {
      try {
        int r = C.waitpid(pid, addr(s.status), options);
        return r == 0 ? WaitStatus.NONE : new WaitStatus(r, s.status.getInt(0));
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw new SyscallException("waitpid", e.getErrorCode(), "pid " + pid);
        }
      }
    }
  }

  // ---- ptrace -------------------------------------------------------------------------------------------------

  private static long ptrace(int request, String name, int tid, long addr, long data) {
    try {
      return C.ptrace(request, tid, addr, data);
    } catch (LastErrorException e) {
      throw new SyscallException("ptrace(" + name + ")", e.getErrorCode(), "tid " + tid);
    }
  }

  @Override
  public void ptraceSeize(int pid, long options) {
    ptrace(Ptrace.SEIZE, "PTRACE_SEIZE", pid, 0, options);
  }

  @Override
  public void ptraceCont(int tid, int signal) {
    ptrace(Ptrace.CONT, "PTRACE_CONT", tid, 0, signal);
  }

  @Override
  public void ptraceSyscall(int tid, int signal) {
    ptrace(Ptrace.SYSCALL, "PTRACE_SYSCALL", tid, 0, signal);
  }

  @Override
  public void ptraceListen(int tid) {
    ptrace(Ptrace.LISTEN, "PTRACE_LISTEN", tid, 0, 0);
  }

  @Override
  public void ptraceInterrupt(int tid) {
    ptrace(Ptrace.INTERRUPT, "PTRACE_INTERRUPT", tid, 0, 0);
  }

  @Override
  public void ptraceDetach(int tid, int signal) {
    ptrace(Ptrace.DETACH, "PTRACE_DETACH", tid, 0, signal);
  }

  @Override
  public long ptraceEventMessage(int tid) {
    Scratch s = scratch.get();
    ptrace(Ptrace.GETEVENTMSG, "PTRACE_GETEVENTMSG", tid, 0, addr(s.status));
    return s.status.getLong(0);
  }

  @Override
  public void readRegisters(int tid, long[] into) {
    Scratch s = scratch.get();
    s.localIov.setLong(0, addr(s.regs));
    s.localIov.setLong(8, into.length * 8L);
    ptrace(Ptrace.GETREGSET, "PTRACE_GETREGSET NT_PRSTATUS", tid, Ptrace.NT_PRSTATUS, addr(s.localIov));
    s.regs.read(0, into, 0, into.length);
  }

  @Override
  public void writeRegisters(int tid, long[] from) {
    Scratch s = scratch.get();
    s.regs.write(0, from, 0, from.length);
    s.localIov.setLong(0, addr(s.regs));
    s.localIov.setLong(8, from.length * 8L);
    ptrace(Ptrace.SETREGSET, "PTRACE_SETREGSET NT_PRSTATUS", tid, Ptrace.NT_PRSTATUS, addr(s.localIov));
  }

  @Override
  public void writeSystemCallNumber(int tid, int number) {
    Scratch s = scratch.get();
    s.status.setInt(0, number);
    s.localIov.setLong(0, addr(s.status));
    s.localIov.setLong(8, 4);
    ptrace(Ptrace.SETREGSET, "PTRACE_SETREGSET NT_ARM_SYSTEM_CALL", tid, Ptrace.NT_ARM_SYSTEM_CALL,
        addr(s.localIov));
  }

  // ---- tracee memory ----------------------------------------------------------------------------------------

  @Override
  public int readMemory(int pid, long address, byte[] into, int offset, int length) {
    Scratch s = scratch.get();
    int done = 0;
    while (done < length) {
      int chunk = (int) Math.min(length - done, s.data.size());
      s.pointIovecs(address + done, chunk);
      long n;
      try {
        n = C.process_vm_readv(pid, addr(s.localIov), 1, addr(s.remoteIov), 1, 0);
      } catch (LastErrorException e) {
        if (done > 0 && e.getErrorCode() == Errno.EFAULT) {
          break;
        }
        throw new SyscallException("process_vm_readv", e.getErrorCode(),
            "pid " + pid + " at 0x" + Long.toHexString(address + done));
      }
      s.data.read(0, into, offset + done, (int) n);
      done += (int) n;
      if (n < chunk) {
        break;
      }
    }
    return done;
  }

  @Override
  public void writeMemory(int pid, long address, byte[] from, int offset, int length) {
    Scratch s = scratch.get();
    int done = 0;
    while (done < length) {
      int chunk = (int) Math.min(length - done, s.data.size());
      s.data.write(0, from, offset + done, chunk);
      s.pointIovecs(address + done, chunk);
      long n;
      try {
        n = C.process_vm_writev(pid, addr(s.localIov), 1, addr(s.remoteIov), 1, 0);
      } catch (LastErrorException e) {
        throw new SyscallException("process_vm_writev", e.getErrorCode(),
            "pid " + pid + " at 0x" + Long.toHexString(address + done));
      }
      if (n != chunk) {
        throw new SyscallException("process_vm_writev", Errno.EFAULT,
            "pid " + pid + " at 0x" + Long.toHexString(address + done) + " (short write " + n + "/" + chunk + ")");
      }
      done += chunk;
    }
  }

  // ---- fds --------------------------------------------------------------------------------------------------

  @Override
  public int open(String path, int flags, int mode) {
    try {
      return C.open(path, flags | O_CLOEXEC, mode);
    } catch (LastErrorException e) {
      throw new SyscallException("open", e.getErrorCode(), path);
    }
  }

  @Override
  public int[] pipe() {
    int[] fds = new int[2];
    try {
      C.pipe2(fds, O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new SyscallException("pipe2", e.getErrorCode(), null);
    }
    return fds;
  }

  @Override
  public int read(int fd, byte[] into, int offset, int length) {
    Scratch s = scratch.get();
    int chunk = (int) Math.min(length, s.data.size());
    while (true) {
      try {
        int n = (int) C.read(fd, addr(s.data), chunk);
        s.data.read(0, into, offset, n);
        return n;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw new SyscallException("read", e.getErrorCode(), "fd " + fd);
        }
      }
    }
  }

  @Override
  public void write(int fd, byte[] from, int offset, int length) {
    Scratch s = scratch.get();
    int done = 0;
    while (done < length) {
      int chunk = (int) Math.min(length - done, s.data.size());
      s.data.write(0, from, offset + done, chunk);
      try {
        done += (int) C.write(fd, addr(s.data), chunk);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw new SyscallException("write", e.getErrorCode(), "fd " + fd);
        }
      }
    }
  }

  @Override
  public void close(int fd) {
    try {
      C.close(fd);
    } catch (LastErrorException e) {
      throw new SyscallException("close", e.getErrorCode(), "fd " + fd);
    }
  }

  private static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = O_CLOEXEC, SOL_SOCKET = 1,
      SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;
  /** struct msghdr on LP64 (x86_64 and aarch64 alike): name, namelen(+pad), iov, iovlen, control, controllen, flags. */
  private static final int MSGHDR_SIZE = 56, CMSG_HEADER = 16, SUN_PATH_MAX = 108;

  @Override
  public int[] socketPair() {
    int[] sv = new int[2];
    try {
      C.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
    } catch (LastErrorException e) {
      throw new SyscallException("socketpair", e.getErrorCode(), null);
    }
    return sv;
  }

  @Override
  public int connectUnix(String path) {
    Memory address = unixAddress(path, "connect");
    int fd = unixSocket(path);
    try {
      C.connect(fd, addr(address), (int) address.size());
      return fd;
    } catch (LastErrorException e) {
      close(fd);
      throw new SyscallException("connect", e.getErrorCode(), path);
    }
  }

  @Override
  public int accept(int listeningSocket) {
    while (true) {
      try {
        return C.accept4(listeningSocket, 0, 0, SOCK_CLOEXEC);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw new SyscallException("accept4", e.getErrorCode(), "fd " + listeningSocket);
        }
      }
    }
  }

  private int unixSocket(String path) {
    try {
      return C.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("socket", e.getErrorCode(), path);
    }
  }

  /** struct sockaddr_un for {@code path}, sized to the name plus its NUL. */
  private static Memory unixAddress(String path, String call) {
    byte[] name = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (name.length >= SUN_PATH_MAX) {
      throw new SyscallException(call, Errno.ENAMETOOLONG, path);
    }
    Memory address = new Memory(2 + name.length + 1);
    address.clear();
    address.setShort(0, (short) AF_UNIX);
    address.write(2, name, 0, name.length);
    return address;
  }

  @Override
  public void sendFds(int socket, byte[] payload, int[] fds) {
    Memory data = new Memory(Math.max(1, payload.length));
    data.write(0, payload, 0, payload.length);
    Memory iov = new Memory(16);
    iov.setLong(0, addr(data));
    iov.setLong(8, payload.length);
    int controlLength = CMSG_HEADER + ((fds.length * 4 + 7) & ~7);
    Memory control = new Memory(controlLength);
    control.clear();
    control.setLong(0, CMSG_HEADER + fds.length * 4L);
    control.setInt(8, SOL_SOCKET);
    control.setInt(12, SCM_RIGHTS);
    control.write(CMSG_HEADER, fds, 0, fds.length);
    Memory msg = new Memory(MSGHDR_SIZE);
    msg.clear();
    msg.setLong(16, addr(iov));
    msg.setLong(24, 1);
    msg.setLong(32, addr(control));
    msg.setLong(40, controlLength);
    try {
      C.sendmsg(socket, addr(msg), 0);
    } catch (LastErrorException e) {
      throw new SyscallException("sendmsg", e.getErrorCode(), "fd " + socket);
    }
  }

  @Override
  public ReceivedFds receiveFds(int socket, int maxFds) {
    Memory data = new Memory(4096);
    Memory iov = new Memory(16);
    iov.setLong(0, addr(data));
    iov.setLong(8, data.size());
    int controlLength = CMSG_HEADER + ((maxFds * 4 + 7) & ~7);
    Memory control = new Memory(controlLength);
    control.clear();
    Memory msg = new Memory(MSGHDR_SIZE);
    msg.clear();
    msg.setLong(16, addr(iov));
    msg.setLong(24, 1);
    msg.setLong(32, addr(control));
    msg.setLong(40, controlLength);
    long n;
    try {
      n = C.recvmsg(socket, addr(msg), MSG_CMSG_CLOEXEC);
    } catch (LastErrorException e) {
      throw new SyscallException("recvmsg", e.getErrorCode(), "fd " + socket);
    }
    int[] fds = new int[0];
    if (msg.getLong(40) >= CMSG_HEADER && control.getInt(8) == SOL_SOCKET && control.getInt(12) == SCM_RIGHTS) {
      fds = control.getIntArray(CMSG_HEADER, (int) ((control.getLong(0) - CMSG_HEADER) / 4));
    }
    return new ReceivedFds(data.getByteArray(0, (int) n), fds);
  }

  /** struct termios is 60 bytes on x86_64 and aarch64 glibc; a larger buffer costs nothing. */
  private static final int TERMIOS_SIZE = 128;
  private static final int TCSANOW = 0;

  @Override
  public int pidfdGetfd(int pidfd, int targetFd) {
    try {
      return (int) C.syscall(nrPidfdGetfd, pidfd, targetFd, 0, 0, 0, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("pidfd_getfd", e.getErrorCode(), "fd " + targetFd);
    }
  }

  @Override
  public boolean isTerminal(int fd) {
    return C.isatty(fd) == 1;
  }

  @Override
  public byte[] makeRaw(int fd) {
    Memory termios = new Memory(TERMIOS_SIZE);
    termios.clear();
    try {
      C.tcgetattr(fd, addr(termios));
      byte[] saved = termios.getByteArray(0, TERMIOS_SIZE);
      C.cfmakeraw(addr(termios));
      C.tcsetattr(fd, TCSANOW, addr(termios));
      return saved;
    } catch (LastErrorException e) {
      throw new SyscallException("tcsetattr", e.getErrorCode(), "fd " + fd);
    }
  }

  @Override
  public void restoreTerminal(int fd, byte[] saved) {
    Memory termios = new Memory(TERMIOS_SIZE);
    termios.write(0, saved, 0, saved.length);
    try {
      C.tcsetattr(fd, TCSANOW, addr(termios));
    } catch (LastErrorException e) {
      throw new SyscallException("tcsetattr", e.getErrorCode(), "fd " + fd);
    }
  }

  @Override
  public int pidfdOpen(int pid) {
    try {
      return (int) C.syscall(nrPidfdOpen, pid, 0, 0, 0, 0, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("pidfd_open", e.getErrorCode(), "pid " + pid);
    }
  }

  private static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, F_ADD_SEALS = 1033;
  private static final int F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

  @Override
  public int sealedMemfd(String name, byte[] content) {
    int fd;
    try {
      fd = C.memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    } catch (LastErrorException e) {
      throw new SyscallException("memfd_create", e.getErrorCode(), name);
    }
    try {
      write(fd, content, 0, content.length);
      C.fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
      return fd;
    } catch (LastErrorException e) {
      close(fd);
      throw new SyscallException("fcntl(F_ADD_SEALS)", e.getErrorCode(), name);
    } catch (RuntimeException e) {
      close(fd);
      throw e;
    }
  }

  @Override
  public void setChildSubreaper() {
    try {
      C.prctl(36, 1, 0, 0, 0); // PR_SET_CHILD_SUBREAPER
    } catch (LastErrorException e) {
      throw new SyscallException("prctl(PR_SET_CHILD_SUBREAPER)", e.getErrorCode(), null);
    }
  }

  // ---- shim: rootfs mounts, listening socket, FIFOs ---------------------------------------------------------

  @Override
  public void mount(String source, String target, String fstype, long flags, String data) {
    try {
      C.mount(source, target, fstype, flags, data == null || data.isEmpty() ? null : data);
    } catch (LastErrorException e) {
      throw new SyscallException("mount", e.getErrorCode(), fstype + " " + source + " on " + target);
    }
  }

  @Override
  public void umount2(String target, int flags) {
    try {
      C.umount2(target, flags);
    } catch (LastErrorException e) {
      throw new SyscallException("umount2", e.getErrorCode(), target);
    }
  }

  @Override
  public int listenUnix(String path, int backlog) {
    byte[] name = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (name.length >= SUN_PATH_MAX) {
      throw new SyscallException("bind", Errno.ENAMETOOLONG, path);
    }
    int fd;
    try {
      fd = C.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("socket", e.getErrorCode(), path);
    }
    Memory address = new Memory(2 + SUN_PATH_MAX);
    address.clear();
    address.setShort(0, (short) AF_UNIX);
    address.write(2, name, 0, name.length);
    try {
      C.bind(fd, addr(address), 2 + name.length + 1);
    } catch (LastErrorException e) {
      close(fd);
      throw new SyscallException("bind", e.getErrorCode(), path);
    }
    try {
      C.listen(fd, backlog);
      return fd;
    } catch (LastErrorException e) {
      close(fd);
      throw new SyscallException("listen", e.getErrorCode(), path);
    }
  }

  /** TIOCSWINSZ from asm-generic/ioctls.h, which x86_64 and aarch64 both use. */
  private static final long TIOCSWINSZ = 0x5414;

  @Override
  public void setWindowSize(int fd, int rows, int columns) {
    Memory winsize = new Memory(8); // struct winsize: unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel
    winsize.clear();
    winsize.setShort(0, (short) rows);
    winsize.setShort(2, (short) columns);
    try {
      C.ioctl(fd, TIOCSWINSZ, addr(winsize));
    } catch (LastErrorException e) {
      throw new SyscallException("ioctl(TIOCSWINSZ)", e.getErrorCode(), "fd " + fd);
    }
  }

  private static final int F_GETFL = 3, F_SETFL = 4, O_NONBLOCK = 0x800;

  @Override
  public void setNonBlocking(int fd, boolean nonBlocking) {
    try {
      int flags = C.fcntl(fd, F_GETFL, 0);
      C.fcntl(fd, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
    } catch (LastErrorException e) {
      throw new SyscallException("fcntl(F_SETFL)", e.getErrorCode(), "fd " + fd);
    }
  }

  // ---- bpf --------------------------------------------------------------------------------------------------

  /** Bytes of union bpf_attr we pass; the kernel requires whatever it does not know of to be zero. */
  private static final int BPF_ATTR_SIZE = 128;
  private static final int BPF_LOG_SIZE = 256 * 1024;
  private static final int BPF_QUERY_MAX_PROGS = 64;

  @Override
  public int bpfProgLoad(int programType, int expectedAttachType, byte[] instructions, String license) {
    Memory insns = new Memory(Math.max(8, instructions.length));
    insns.write(0, instructions, 0, instructions.length);
    byte[] licenseBytes = (license + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Memory lic = new Memory(licenseBytes.length);
    lic.write(0, licenseBytes, 0, licenseBytes.length);
    try {
      return (int) bpfProgLoadAttempt(programType, expectedAttachType, insns, instructions.length / 8, lic, null);
    } catch (LastErrorException first) {
      // load again with the verifier's log, only now: a log that overflows makes even a good program fail
      Memory log = new Memory(BPF_LOG_SIZE);
      log.setByte(0, (byte) 0);
      try {
        return (int) bpfProgLoadAttempt(programType, expectedAttachType, insns, instructions.length / 8, lic, log);
      } catch (LastErrorException second) {
        String verifier = log.getString(0, "UTF-8").trim();
        throw new SyscallException("bpf(BPF_PROG_LOAD)", second.getErrorCode(), "program type " + programType
            + (verifier.isEmpty() ? "" : "; verifier log: " + verifier.replace('\n', ' ')));
      }
    }
  }

  private long bpfProgLoadAttempt(int programType, int expectedAttachType, Memory insns, int count, Memory license,
      Memory log) {
    Memory attr = new Memory(BPF_ATTR_SIZE);
    attr.clear();
    attr.setInt(0, programType);
    attr.setInt(4, count);
    attr.setLong(8, addr(insns));
    attr.setLong(16, addr(license));
    if (log != null) {
      attr.setInt(24, 1); // log_level
      attr.setInt(28, (int) log.size());
      attr.setLong(32, addr(log));
    }
    attr.setInt(68, expectedAttachType);
    return C.syscall(nrBpf, Bpf.PROG_LOAD, addr(attr), BPF_ATTR_SIZE, 0, 0, 0);
  }

  @Override
  public void bpfProgAttach(int targetFd, int programFd, int attachType, int flags) {
    Memory attr = new Memory(BPF_ATTR_SIZE);
    attr.clear();
    attr.setInt(0, targetFd);
    attr.setInt(4, programFd);
    attr.setInt(8, attachType);
    attr.setInt(12, flags);
    try {
      C.syscall(nrBpf, Bpf.PROG_ATTACH, addr(attr), BPF_ATTR_SIZE, 0, 0, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("bpf(BPF_PROG_ATTACH)", e.getErrorCode(), "fd " + targetFd + " attach type "
          + attachType);
    }
  }

  @Override
  public int[] bpfProgQuery(int targetFd, int attachType) {
    Memory ids = new Memory(BPF_QUERY_MAX_PROGS * 4L);
    Memory attr = new Memory(BPF_ATTR_SIZE);
    attr.clear();
    attr.setInt(0, targetFd);
    attr.setInt(4, attachType);
    attr.setLong(16, addr(ids));
    attr.setInt(24, BPF_QUERY_MAX_PROGS);
    try {
      C.syscall(nrBpf, Bpf.PROG_QUERY, addr(attr), BPF_ATTR_SIZE, 0, 0, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("bpf(BPF_PROG_QUERY)", e.getErrorCode(), "fd " + targetFd + " attach type "
          + attachType);
    }
    return ids.getIntArray(0, attr.getInt(24));
  }

  // ---- probes -----------------------------------------------------------------------------------------------

  @Override
  public int mapFixedErrno(long address, long length) {
    try {
      long mapped = C.mmap(address, length, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      C.munmap(mapped, length);
      return 0;
    } catch (LastErrorException e) {
      return e.getErrorCode();
    }
  }

  // ---- seccomp: libseccomp ----------------------------------------------------------------------------------

  /**
   * libseccomp bindings. A nested class so that the JVM loads (and registers) it on first use only: verbs that never
   * build a filter never pay for loading the library. libseccomp returns negated errnos rather than setting errno.
   */
  private static final class Seccomp {
    static final String LOAD_ERROR;

    static {
      String error = null;
      try {
        Native.register(Seccomp.class, libseccomp());
      } catch (UnsatisfiedLinkError e) {
        error = e.getMessage();
      }
      LOAD_ERROR = error;
    }

    /** The runtime package ships only the versioned name (libseccomp.so.2); the -dev package adds the bare one. */
    private static NativeLibrary libseccomp() {
      try {
        return NativeLibrary.getInstance("libseccomp.so.2");
      } catch (UnsatisfiedLinkError e) {
        return NativeLibrary.getInstance("seccomp");
      }
    }

    static native long seccomp_init(int defaultAction);

    static native void seccomp_release(long ctx);

    static native int seccomp_arch_add(long ctx, int archToken);

    static native int seccomp_arch_remove(long ctx, int archToken);

    static native int seccomp_arch_native();

    static native int seccomp_arch_resolve_name(String archName);

    static native int seccomp_syscall_resolve_name(String name);

    static native int seccomp_attr_set(long ctx, int attribute, int value);

    static native int seccomp_rule_add_array(long ctx, int action, int syscall, int argCount, long argArray);

    static native int seccomp_export_bpf(long ctx, int fd);

    static native long seccomp_version();
  }

  /** enum scmp_filter_attr. */
  private static final int SCMP_FLTATR_ACT_BADARCH = 2, SCMP_FLTATR_CTL_OPTIMIZE = 8;
  /** Binary-tree syscall dispatch: a few comparisons per syscall instead of one per rule (libseccomp 2.5+). */
  private static final int OPTIMIZE_BINARY_TREE = 2;
  /** __NR_SCMP_ERROR: libseccomp does not know the name. */
  private static final int NR_SCMP_ERROR = -1;
  /** sizeof(struct scmp_arg_cmp): unsigned arg, enum op, uint64 datum_a, uint64 datum_b. */
  private static final int ARG_CMP_SIZE = 24;

  private static void requireLibseccomp() {
    if (Seccomp.LOAD_ERROR != null) {
      throw new SyscallException("dlopen", Errno.ENOENT, "libseccomp.so.2 (" + Seccomp.LOAD_ERROR
          + "); install libseccomp 2.4 or newer: apt-get install libseccomp2");
    }
  }

  @Override
  public String libseccompVersion() {
    requireLibseccomp();
    Pointer v = new Pointer(Seccomp.seccomp_version());
    return v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8);
  }

  @Override
  public synchronized SeccompProgram compileSeccomp(SeccompFilterSpec filter) {
    requireLibseccomp();
    long ctx = Seccomp.seccomp_init(filter.defaultAction());
    if (ctx == 0) {
      throw new SyscallException("seccomp_init", Errno.EINVAL,
          "default action 0x" + Integer.toHexString(filter.defaultAction()));
    }
    try {
      seccompCheck(Seccomp.seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, filter.badArchAction()),
          "seccomp_attr_set", "bad-architecture action 0x" + Integer.toHexString(filter.badArchAction()));
      Seccomp.seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, OPTIMIZE_BINARY_TREE); // older: linear, still right
      boolean nativeOnly = seccompArchitectures(ctx, filter.architectures());
      List<String> unknown = new ArrayList<>();
      Memory args = new Memory(6L * ARG_CMP_SIZE);
      for (SeccompFilterSpec.Rule rule : filter.rules()) {
        int nr = Seccomp.seccomp_syscall_resolve_name(rule.syscall());
        if (nr == NR_SCMP_ERROR && nativeOnly && rule.fallbackNumber() >= 0) {
          nr = rule.fallbackNumber();
        }
        if (nr == NR_SCMP_ERROR) {
          unknown.add(rule.syscall());
          continue;
        }
        args.clear();
        for (int i = 0; i < rule.args().size(); i++) {
          SeccompFilterSpec.Compare c = rule.args().get(i);
          args.setInt(i * ARG_CMP_SIZE, c.index());
          args.setInt(i * ARG_CMP_SIZE + 4, c.op().code());
          args.setLong(i * ARG_CMP_SIZE + 8, c.value());
          args.setLong(i * ARG_CMP_SIZE + 16, c.valueTwo());
        }
        seccompCheck(Seccomp.seccomp_rule_add_array(ctx, rule.action(), nr, rule.args().size(), addr(args)),
            "seccomp_rule_add", rule.syscall() + " (action 0x" + Integer.toHexString(rule.action()) + ", "
                + rule.args().size() + " argument conditions)");
      }
      return new SeccompProgram(exportBpf(ctx), unknown);
    } finally {
      Seccomp.seccomp_release(ctx);
    }
  }

  /**
   * Makes the filter hold exactly {@code names}: libseccomp starts every filter with the native architecture.
   * Returns whether the filter holds the native architecture only.
   */
  private static boolean seccompArchitectures(long ctx, List<String> names) {
    int nativeToken = Seccomp.seccomp_arch_native();
    boolean keepNative = false;
    for (String name : names) {
      int token = Seccomp.seccomp_arch_resolve_name(name);
      if (token == 0) {
        throw new SyscallException("seccomp_arch_resolve_name", Errno.EINVAL, "architecture \"" + name
            + "\" is unknown to the installed libseccomp");
      }
      if (token == nativeToken) {
        keepNative = true;
        continue;
      }
      int rc = Seccomp.seccomp_arch_add(ctx, token);
      if (rc != -Errno.EEXIST) {
        seccompCheck(rc, "seccomp_arch_add", "architecture " + name);
      }
    }
    if (!keepNative) {
      seccompCheck(Seccomp.seccomp_arch_remove(ctx, nativeToken), "seccomp_arch_remove", "the native architecture");
    }
    return keepNative && names.stream().distinct().count() == 1;
  }

  private static void seccompCheck(int rc, String call, String subject) {
    if (rc < 0) {
      throw new SyscallException(call, -rc, subject);
    }
  }

  /** seccomp_export_bpf writes to an fd: a memfd, read back through /proc so its offset does not matter. */
  private byte[] exportBpf(long ctx) {
    int fd;
    try {
      fd = C.memfd_create("bramble-seccomp", MFD_CLOEXEC);
    } catch (LastErrorException e) {
      throw new SyscallException("memfd_create", e.getErrorCode(), "seccomp filter export");
    }
    try {
      seccompCheck(Seccomp.seccomp_export_bpf(ctx, fd), "seccomp_export_bpf", "fd " + fd);
      return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/fd/" + fd));
    } catch (java.io.IOException e) {
      throw new SyscallException("read", Errno.EIO, "exported seccomp filter (" + e.getMessage() + ")");
    } finally {
      close(fd);
    }
  }
}
