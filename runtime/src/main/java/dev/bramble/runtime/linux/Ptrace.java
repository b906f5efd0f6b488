package dev.bramble.runtime.linux;

/** ptrace(2) request, option and event numbers; the generic ones are the same on x86_64 and aarch64. */
public final class Ptrace {
  public static final int CONT = 7, KILL = 8, DETACH = 17, SYSCALL = 24, SETOPTIONS = 0x4200,
      GETEVENTMSG = 0x4201, GETREGSET = 0x4204, SETREGSET = 0x4205, SEIZE = 0x4206, INTERRUPT = 0x4207,
      LISTEN = 0x4208, GET_SYSCALL_INFO = 0x420e;

  public static final long O_TRACESYSGOOD = 1, O_TRACEFORK = 2, O_TRACEVFORK = 4, O_TRACECLONE = 8,
      O_TRACEEXEC = 0x10, O_TRACEVFORKDONE = 0x20, O_TRACEEXIT = 0x40, O_TRACESECCOMP = 0x80,
      O_EXITKILL = 0x100000;

  /** What every container process is traced with: auto-attach to all children, fail closed if we die. */
  public static final long SANDBOX_OPTIONS = O_EXITKILL | O_TRACESYSGOOD | O_TRACECLONE | O_TRACEFORK
      | O_TRACEVFORK | O_TRACEEXEC | O_TRACESECCOMP;

  public static final int EVENT_FORK = 1, EVENT_VFORK = 2, EVENT_CLONE = 3, EVENT_EXEC = 4,
      EVENT_VFORK_DONE = 5, EVENT_EXIT = 6, EVENT_SECCOMP = 7, EVENT_STOP = 128;

  /** ELF note types for PTRACE_GETREGSET/SETREGSET. */
  public static final int NT_PRSTATUS = 1, NT_ARM_SYSTEM_CALL = 0x404;

  /** waitpid options. */
  public static final int WNOHANG = 1, WUNTRACED = 2, WNOTHREAD = 0x20000000, WALL = 0x40000000;

  private Ptrace() {}
}
