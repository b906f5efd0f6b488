package dev.bramble.runtime.linux;

/**
 * The one typed interface between bramble and the kernel. {@link JnaLinuxKernel} is the only implementation that
 * touches native code; unit tests use a recording fake. Every method throws {@link SyscallException} naming the
 * syscall, the errno and the subject.
 *
 * <p>ptrace requests must come from the thread that attached the tracee (the kernel binds a tracee to one tracer
 * thread); the sentry gives each container a dedicated platform thread for that.
 */
public interface LinuxKernel {

  int getpid();

  /** The calling thread's kernel tid. */
  int gettid();

  /** posix_spawn(3); returns the child's pid. Never use java.lang.Process for traced children: its reaper steals stops. */
  int spawn(SpawnRequest request);

  void kill(int pid, int signal);

  /** waitpid(2), retried on EINTR. With WNOHANG, returns {@link WaitStatus#NONE} when nothing changed. */
  WaitStatus waitpid(int pid, int options);

  // ---- ptrace -------------------------------------------------------------------------------------------------

  void ptraceSeize(int pid, long options);

  /** PTRACE_CONT with the signal to deliver (0 = none). */
  void ptraceCont(int tid, int signal);

  /** PTRACE_SYSCALL with the signal to deliver (0 = none). */
  void ptraceSyscall(int tid, int signal);

  /** PTRACE_LISTEN: leave a group-stopped tracee stopped but let the tracer hear of SIGCONT. */
  void ptraceListen(int tid);

  void ptraceInterrupt(int tid);

  void ptraceDetach(int tid, int signal);

  /** PTRACE_GETEVENTMSG: the new pid of a fork/clone event, the former tid of an exec, the SECCOMP_RET_DATA. */
  long ptraceEventMessage(int tid);

  /** PTRACE_GETREGSET NT_PRSTATUS into {@code into}; its length is the architecture's slot count. */
  void readRegisters(int tid, long[] into);

  /** PTRACE_SETREGSET NT_PRSTATUS from {@code from}. */
  void writeRegisters(int tid, long[] from);

  /** aarch64 only: PTRACE_SETREGSET NT_ARM_SYSTEM_CALL, the way to change or skip (-1) a syscall at a stop. */
  void writeSystemCallNumber(int tid, int number);

  // ---- tracee memory ----------------------------------------------------------------------------------------

  /** process_vm_readv; returns the bytes read (short at an unmapped page). */
  int readMemory(int pid, long address, byte[] into, int offset, int length);

  /** process_vm_writev; honours page protections. Throws on a short write. */
  void writeMemory(int pid, long address, byte[] from, int offset, int length);

  // ---- fds --------------------------------------------------------------------------------------------------

  /** open(2) with O_CLOEXEC added: an fd to hand to a spawned child. */
  int open(String path, int flags, int mode);

  /** pipe2(O_CLOEXEC): [read end, write end]. */
  int[] pipe();

  int read(int fd, byte[] into, int offset, int length);

  void write(int fd, byte[] from, int offset, int length);

  void close(int fd);

  /** socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC). */
  int[] socketPair();

  /** A connected AF_UNIX stream socket (runc's --console-socket protocol starts here). */
  int connectUnix(String path);

  /** accept4(2) with SOCK_CLOEXEC. */
  int accept(int listeningSocket);

  /** sendmsg(2) with {@code payload} and the fds as one SCM_RIGHTS message. */
  void sendFds(int socket, byte[] payload, int[] fds);

  /** recvmsg(2) of one message carrying up to {@code maxFds} fds (received close-on-exec). */
  ReceivedFds receiveFds(int socket, int maxFds);

  /** pidfd_open(2): a handle that stays valid across pid reuse. */
  int pidfdOpen(int pid);

  /** pidfd_getfd(2): a copy, in this process, of fd {@code targetFd} of the process behind {@code pidfd}. */
  int pidfdGetfd(int pidfd, int targetFd);

  /** isatty(3). */
  boolean isTerminal(int fd);

  /** Puts a terminal into raw mode (cfmakeraw); returns the previous settings for {@link #restoreTerminal}. */
  byte[] makeRaw(int fd);

  void restoreTerminal(int fd, byte[] saved);

  /** ioctl(TIOCSWINSZ): the terminal's size, as a shim sets it on a container's pty master for ResizePty. */
  void setWindowSize(int fd, int rows, int columns);

  /**
   * An executable image that exists in no filesystem: memfd_create(MFD_CLOEXEC|MFD_ALLOW_SEALING), the content
   * written, then sealed against any change (F_SEAL_SEAL|SHRINK|GROW|WRITE). Used for the stub, so that nothing in
   * a container can reach or overwrite the binary its processes were started from (the runc /proc/self/exe class
   * of attack), and so that /run mounted noexec does not matter.
   */
  int sealedMemfd(String name, byte[] content);

  /** prctl(PR_SET_CHILD_SUBREAPER): orphaned descendants are reparented to us (the shim reaps its containers). */
  void setChildSubreaper();

  // ---- shim: rootfs mounts, listening socket, FIFOs ---------------------------------------------------------

  /** mount(2) in our own mount namespace (the shim mounts containerd's snapshot onto a bundle's rootfs). */
  void mount(String source, String target, String fstype, long flags, String data);

  /** umount2(2); {@code flags} as MNT_DETACH (2). */
  void umount2(String target, int flags);

  /**
   * A listening AF_UNIX stream socket bound to {@code path} (socket, bind, listen; close-on-exec), to hand to a
   * spawned child — the JDK's channels do not expose their fd. EADDRINUSE when the path exists.
   */
  int listenUnix(String path, int backlog);

  /** fcntl(F_SETFL) toggling O_NONBLOCK on an open file description (a FIFO opened non-blocking to not wait). */
  void setNonBlocking(int fd, boolean nonBlocking);

  // ---- bpf --------------------------------------------------------------------------------------------------

  /**
   * bpf(BPF_PROG_LOAD): loads an eBPF program ({@code instructions} are encoded struct bpf_insn) and returns its
   * fd. A verifier rejection's log is part of the exception's subject.
   *
   * @param programType e.g. {@link Bpf#PROG_TYPE_CGROUP_DEVICE}
   * @param expectedAttachType e.g. {@link Bpf#ATTACH_CGROUP_DEVICE}
   */
  int bpfProgLoad(int programType, int expectedAttachType, byte[] instructions, String license);

  /** bpf(BPF_PROG_ATTACH) of {@code programFd} to {@code targetFd} (a cgroup directory's fd). */
  void bpfProgAttach(int targetFd, int programFd, int attachType, int flags);

  /** bpf(BPF_PROG_QUERY): the ids of the programs attached to {@code targetFd} for {@code attachType}. */
  int[] bpfProgQuery(int targetFd, int attachType);

  // ---- probes -----------------------------------------------------------------------------------------------

  /**
   * mmap(address, length, PROT_NONE, MAP_FIXED|MAP_PRIVATE|MAP_ANONYMOUS) with an unaligned address: nothing gets
   * mapped; the errno tells where the top of user space is (EINVAL inside, ENOMEM outside). Returns 0 if the
   * kernel did map something (it is unmapped again).
   */
  int mapFixedErrno(long address, long length);

  // ---- seccomp: libseccomp, loaded on first use ---------------------------------------------------------------

  /**
   * Compiles {@code filter} with libseccomp, which resolves syscall names per architecture and checks the x32 bit,
   * and exports it as a BPF program for seccomp(SECCOMP_SET_MODE_FILTER). Nothing is loaded into any process.
   * Rules whose syscall libseccomp does not know are skipped and listed in the result (as runc ignores them).
   *
   * @throws SyscallException naming the libseccomp call, errno and rule when libseccomp refuses the filter, or
   *     when libseccomp is not installed
   */
  SeccompProgram compileSeccomp(SeccompFilterSpec filter);

  /** The installed libseccomp's version, e.g. "2.5.4" (loads the library). */
  String libseccompVersion();
}
