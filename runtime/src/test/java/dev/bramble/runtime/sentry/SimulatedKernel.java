package dev.bramble.runtime.sentry;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.arch.RegisterLayout;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SpawnRequest;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A kernel that plays one tracee stepping through injected syscalls: PTRACE_SYSCALL produces the entry stop, any
 * scripted event stops, then the exit stop with the scripted result in the return register. Records every ptrace
 * request and every syscall "executed" with the registers the injector loaded.
 */
final class SimulatedKernel implements LinuxKernel {
  final int tid;
  final RegisterLayout layout;
  final long[] regs;
  final List<String> requests = new ArrayList<>();
  final List<String> executed = new ArrayList<>();
  final Map<Long, ToLongFunction<long[]>> results = new HashMap<>();
  final Map<Long, Deque<WaitStatus>> interruptions = new HashMap<>();
  final Map<Long, byte[]> memory = new HashMap<>();
  final List<Integer> syscallNumberWrites = new ArrayList<>();
  final Deque<WaitStatus> pending = new ArrayDeque<>();
  long eventMessage;
  private boolean inSyscall;
  private long currentNr;
  private Deque<WaitStatus> currentInterruptions;

  SimulatedKernel(Arch arch, int tid) {
    this.tid = tid;
    this.layout = arch.registers();
    this.regs = new long[layout.slotCount()];
  }

  static WaitStatus syscallStop(int tid) {
    return new WaitStatus(tid, ((Signals.SIGTRAP | 0x80) << 8) | 0x7f);
  }

  static WaitStatus event(int tid, int event, int sig) {
    return new WaitStatus(tid, (event << 16) | (sig << 8) | 0x7f);
  }

  static WaitStatus signalStop(int tid, int sig) {
    return new WaitStatus(tid, (sig << 8) | 0x7f);
  }

  /** The syscall number the trampoline would run: rax on x86_64, x8 on aarch64. */
  private long numberRegister() {
    return layout.arch() == Arch.X86_64 ? regs[10] : regs[8];
  }

  @Override
  public void ptraceSyscall(int t, int signal) {
    requests.add("SYSCALL " + signal);
    if (!inSyscall) {
      inSyscall = true;
      currentNr = numberRegister();
      long[] args = new long[6];
      for (int i = 0; i < 6; i++) {
        args[i] = layout.arg(regs, i);
      }
      executed.add(currentNr + Arrays.toString(args));
      currentInterruptions = new ArrayDeque<>(interruptions.getOrDefault(currentNr, new ArrayDeque<>()));
      pending.add(syscallStop(tid));
      return;
    }
    if (!currentInterruptions.isEmpty()) {
      pending.add(currentInterruptions.poll());
      return;
    }
    inSyscall = false;
    long[] args = new long[6];
    for (int i = 0; i < 6; i++) {
      args[i] = layout.arg(regs, i);
    }
    layout.setReturnValue(regs, results.getOrDefault(currentNr, a -> 0).applyAsLong(args));
    pending.add(syscallStop(tid));
  }

  @Override
  public WaitStatus waitpid(int pid, int options) {
    WaitStatus s = pending.poll();
    if (s == null) {
      throw new SyscallException("waitpid", 10, "nothing pending");
    }
    return s;
  }

  @Override
  public void readRegisters(int t, long[] into) {
    System.arraycopy(regs, 0, into, 0, into.length);
  }

  @Override
  public void writeRegisters(int t, long[] from) {
    System.arraycopy(from, 0, regs, 0, regs.length);
  }

  @Override
  public void writeSystemCallNumber(int t, int number) {
    syscallNumberWrites.add(number);
  }

  @Override
  public long ptraceEventMessage(int t) {
    return eventMessage;
  }

  @Override
  public void writeMemory(int pid, long address, byte[] from, int offset, int length) {
    memory.put(address, Arrays.copyOfRange(from, offset, offset + length));
  }

  @Override
  public int readMemory(int pid, long address, byte[] into, int offset, int length) {
    for (Map.Entry<Long, byte[]> e : memory.entrySet()) {
      long start = e.getKey();
      if (address >= start && address + length <= start + e.getValue().length) {
        System.arraycopy(e.getValue(), (int) (address - start), into, offset, length);
        return length;
      }
    }
    return 0;
  }

  @Override
  public void ptraceCont(int t, int signal) {
    requests.add("CONT " + signal);
  }

  // ---- not used by the injector --------------------------------------------------------------------------

  @Override
  public int getpid() {
    return 1;
  }

  @Override
  public int gettid() {
    return 1;
  }

  @Override
  public int spawn(SpawnRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void kill(int pid, int signal) {
    requests.add("kill " + pid + " " + signal);
  }

  @Override
  public void ptraceSeize(int pid, long options) {
    requests.add("SEIZE " + pid);
  }

  @Override
  public void ptraceListen(int t) {
    requests.add("LISTEN");
  }

  @Override
  public void ptraceInterrupt(int t) {}

  @Override
  public void ptraceDetach(int t, int signal) {}

  @Override
  public int open(String path, int flags, int mode) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int[] pipe() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(int fd, byte[] into, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void write(int fd, byte[] from, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close(int fd) {}

  @Override
  public int[] socketPair() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int connectUnix(String path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int accept(int listeningSocket) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void sendFds(int socket, byte[] payload, int[] fds) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.bramble.runtime.linux.ReceivedFds receiveFds(int socket, int maxFds) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int pidfdGetfd(int pidfd, int targetFd) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isTerminal(int fd) {
    return false;
  }

  @Override
  public byte[] makeRaw(int fd) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void restoreTerminal(int fd, byte[] saved) {}

  @Override
  public int pidfdOpen(int pid) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int sealedMemfd(String name, byte[] content) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setChildSubreaper() {}

  @Override
  public void mount(String source, String target, String fstype, long flags, String data) {
    requests.add("mount " + source + " " + target);
  }

  @Override
  public void umount2(String target, int flags) {
    requests.add("umount2 " + target);
  }

  @Override
  public int listenUnix(String path, int backlog) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setNonBlocking(int fd, boolean nonBlocking) {}

  @Override
  public void setWindowSize(int fd, int rows, int columns) {
    requests.add("winsize " + fd + " " + rows + "x" + columns);
  }

  @Override
  public int mapFixedErrno(long address, long length) {
    return 22;
  }

  @Override
  public int bpfProgLoad(int programType, int expectedAttachType, byte[] instructions, String license) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void bpfProgAttach(int targetFd, int programFd, int attachType, int flags) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int[] bpfProgQuery(int targetFd, int attachType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.bramble.runtime.linux.SeccompProgram compileSeccomp(dev.bramble.runtime.linux.SeccompFilterSpec f) {
    throw new UnsupportedOperationException("the simulated kernel compiles no seccomp filters");
  }

  @Override
  public String libseccompVersion() {
    return "0.0.0";
  }

  static Deque<WaitStatus> stops(WaitStatus... s) {
    return new ArrayDeque<>(List.of(s));
  }

  static int ptraceEvent(String name) {
    return switch (name) {
      case "fork" -> Ptrace.EVENT_FORK;
      case "exec" -> Ptrace.EVENT_EXEC;
      default -> throw new IllegalArgumentException(name);
    };
  }
}
