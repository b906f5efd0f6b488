package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.arch.RegisterLayout;
import dev.bramble.runtime.arch.SyscallTable;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.seccomp.PolicyEntry;
import dev.bramble.runtime.seccomp.TrapTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the sentry does at a PTRACE_EVENT_SECCOMP stop: the sandbox filter's SECCOMP_RET_DATA names the policy row
 * that matched (the kernel evaluated it on the registers), and the row says run, deny with an errno (and write an
 * audit line) or hand over to an emulator, which writes its result into the tracee and skips the syscall. Nothing
 * here decides on tracee memory.
 *
 * <p>Runs on the tracer thread, and resumes the tracee itself. The common path (trap-all mode letting a call run)
 * allocates nothing: one register buffer is reused. With strace on, a call that runs is resumed with PTRACE_SYSCALL
 * so that its result can be logged at the syscall-exit stop; whoever resumes the tracee from another stop before
 * then (a fork or exec event) must do the same, see {@link #awaitsSyscallExit}.
 */
public final class SeccompStopHandler {
  /** personality(2) values that change no protection: the query, and the plain 64- and 32-bit domains. */
  private static final int PERSONALITY_QUERY = 0xffffffff, PER_LINUX = 0, PER_LINUX32 = 0x0008;

  private final LinuxKernel kernel;
  private final RegisterLayout layout;
  private final SyscallTable syscalls;
  private final TrapTable traps;
  private final UnameEmulator uname;
  private final Optional<SysinfoEmulator> sysinfo;
  private final SyscallCounters counters;
  private final Logger log;
  private final String containerId;
  private final boolean strace;
  private final StraceFormat format;
  private final int configuredPersonality;
  private final long[] regs;
  /** Strace lines of calls let run, waiting for their syscall-exit stop, by tid. */
  private final Map<Integer, String> pending = new HashMap<>();

  /**
   * @param uname the container's uname answer; {@code sysinfo} is empty without a memory limit
   * @param strace log every trapped call with its result
   * @param configuredPersonality linux.personality's domain, which the container may set again
   */
  public SeccompStopHandler(LinuxKernel kernel, RegisterLayout layout, TrapTable traps, UnameEmulator uname,
      Optional<SysinfoEmulator> sysinfo, SyscallCounters counters, Logger log, String containerId, boolean strace,
      long configuredPersonality) {
    this.kernel = kernel;
    this.layout = layout;
    this.syscalls = layout.arch().syscalls();
    this.traps = traps;
    this.uname = uname;
    this.sysinfo = sysinfo;
    this.counters = counters;
    this.log = log;
    this.containerId = containerId;
    this.strace = strace;
    this.format = new StraceFormat(kernel, layout);
    this.configuredPersonality = (int) configuredPersonality;
    this.regs = new long[layout.slotCount()];
  }

  public SyscallCounters counters() {
    return counters;
  }

  /** Decides and resumes a tracee stopped at PTRACE_EVENT_SECCOMP. */
  public void onSeccompStop(int tid) {
    try {
      decide(tid);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
      pending.remove(tid); // killed under us: its exit is reported next
    }
  }

  private void decide(int tid) {
    int data = (int) kernel.ptraceEventMessage(tid);
    kernel.readRegisters(tid, regs);
    long nr = layout.syscallNumber(regs);
    counters.trapped(nr);
    PolicyEntry row;
    try {
      row = traps.row(data);
    } catch (IllegalArgumentException e) {
      // only the sandbox filter traces (a profile's SCMP_ACT_TRACE is compiled to ENOSYS): fail closed
      log.warning("seccomp: " + e.getMessage() + "; failing " + name(nr) + " of pid " + tid + " with ENOSYS");
      complete(tid, nr, -Errno.ENOSYS, "unexpected trace stop");
      return;
    }
    if (row == null) {
      run(tid, nr);
      return;
    }
    switch (row.action()) {
      case DENY, ERRNO -> deny(tid, nr, row, row.errno());
      case TRAP -> {
        switch (row.handler()) {
          case "uname" -> emulate(tid, nr, uname.bytes(tid));
          case "sysinfo" -> {
            if (sysinfo.isPresent()) {
              emulate(tid, nr, sysinfo.get().bytes(tid));
            } else {
              run(tid, nr); // no memory limit: the host's answer is the container's
            }
          }
          case "personality" -> {
            int persona = (int) layout.arg(regs, 0);
            if (persona == PERSONALITY_QUERY || persona == PER_LINUX || persona == PER_LINUX32
                || persona == configuredPersonality) {
              run(tid, nr);
            } else {
              deny(tid, nr, row, Errno.EPERM);
            }
          }
          default -> throw new IllegalStateException("no sentry handler named " + row.handler());
        }
      }
      case KILL -> throw new IllegalStateException("a kill row trapped: " + row.line());
    }
  }

  /** Lets the call run natively. */
  private void run(int tid, long nr) {
    if (strace) {
      pending.put(tid, format.call(tid, name(nr), regs));
      kernel.ptraceSyscall(tid, 0);
    } else {
      kernel.ptraceCont(tid, 0);
    }
  }

  private void deny(int tid, long nr, PolicyEntry row, int errno) {
    String call = format.call(tid, name(nr), regs);
    counters.denied(nr);
    log.info("seccomp audit: container " + containerId + " pid " + tid + ": " + call + " denied with "
        + Errno.name(errno) + ": " + row.reason());
    complete(tid, nr, -errno, "denied", call);
  }

  /** Writes an emulated syscall's output to the address in its first argument, then skips it with 0 or EFAULT. */
  private void emulate(int tid, long nr, byte[] result) {
    String call = strace ? format.call(tid, name(nr), regs) : null;
    long rv = 0;
    long address = layout.arg(regs, 0);
    try {
      kernel.writeMemory(tid, address, result, 0, result.length);
    } catch (SyscallException e) {
      if (e.errno() == Errno.ESRCH) {
        throw e;
      }
      rv = -Errno.EFAULT; // a bad pointer: what the kernel's copy_to_user would report
    }
    counters.emulated(nr);
    complete(tid, nr, rv, "emulated", call);
  }

  private void complete(int tid, long nr, long rv, String why) {
    complete(tid, nr, rv, why, strace ? format.call(tid, name(nr), regs) : null);
  }

  /**
   * Skips the syscall with return value {@code rv}. x86_64 skips through orig_rax = -1 in the regset; aarch64
   * through NT_ARM_SYSTEM_CALL = -1, after x0 is set — a skipped call there returns whatever x0 holds.
   */
  private void complete(int tid, long nr, long rv, String why, String call) {
    layout.setReturnValue(regs, rv);
    if (layout.syscallNumberInRegset()) {
      layout.setSyscallNumber(regs, -1);
    }
    kernel.writeRegisters(tid, regs);
    if (!layout.syscallNumberInRegset()) {
      kernel.writeSystemCallNumber(tid, -1);
    }
    if (strace) {
      straceLine(tid, call + StraceFormat.result(name(nr), rv) + " (" + why + ")");
    }
    kernel.ptraceCont(tid, 0);
  }

  /**
   * At a syscall stop: if it is the exit of a call this handler let run under strace, logs the call with its result
   * and resumes it (returning true); otherwise returns false and leaves the tracee to the caller.
   */
  public boolean onSyscallStop(int tid) {
    String call = pending.remove(tid);
    if (call == null) {
      return false;
    }
    try {
      kernel.readRegisters(tid, regs);
      straceLine(tid, call + StraceFormat.result(nameOf(call), layout.returnValue(regs)));
      kernel.ptraceCont(tid, 0);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
    return true;
  }

  /**
   * Whether {@code tid} is inside a call let run under strace, whose result the handler still waits for: whoever
   * resumes it from another stop on the way (a fork event, an exec event, a signal) must use PTRACE_SYSCALL, or the
   * syscall-exit stop is never reported.
   */
  public boolean awaitsSyscallExit(int tid) {
    return strace && pending.containsKey(tid);
  }

  /** The tracee is gone (exit, exit_group, a fatal signal) with a call still open. */
  public void onExit(int tid) {
    String call = pending.remove(tid);
    if (call != null) {
      straceLine(tid, call + " = ?");
    }
  }

  private void straceLine(int tid, String text) {
    log.info("strace [" + containerId + " pid " + tid + "] " + text);
  }

  private String name(long nr) {
    return nr >= 0 && nr <= Integer.MAX_VALUE ? syscalls.name((int) nr).orElse("syscall_" + nr) : "syscall_" + nr;
  }

  private static String nameOf(String call) {
    int paren = call.indexOf('(');
    return paren < 0 ? call : call.substring(0, paren);
  }
}
