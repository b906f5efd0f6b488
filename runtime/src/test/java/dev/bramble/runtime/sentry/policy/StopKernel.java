package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tracee at a seccomp stop, as far as the stop handler sees it: registers, the stop's data, memory. Records
 * every register write, memory write and resume. A dynamic proxy, so methods the handler must not call fail loudly
 * and methods added to the seam later need no change here.
 */
final class StopKernel {
  long[] regs;
  long eventMessage;
  final List<String> requests = new ArrayList<>();
  final Map<Long, byte[]> written = new HashMap<>();
  final Map<Long, byte[]> memory = new HashMap<>();
  final List<Integer> syscallNumberWrites = new ArrayList<>();
  boolean faultOnWrite;
  final LinuxKernel kernel;

  StopKernel(int slots) {
    regs = new long[slots];
    kernel = (LinuxKernel) Proxy.newProxyInstance(LinuxKernel.class.getClassLoader(),
        new Class<?>[] {LinuxKernel.class}, (proxy, method, args) -> switch (method.getName()) {
          case "ptraceEventMessage" -> eventMessage;
          case "readRegisters" -> {
            System.arraycopy(regs, 0, (long[]) args[1], 0, regs.length);
            yield null;
          }
          case "writeRegisters" -> {
            requests.add("SETREGS");
            regs = Arrays.copyOf((long[]) args[1], regs.length);
            yield null;
          }
          case "writeSystemCallNumber" -> {
            syscallNumberWrites.add((Integer) args[1]);
            yield null;
          }
          case "writeMemory" -> {
            if (faultOnWrite) {
              throw new SyscallException("process_vm_writev", Errno.EFAULT, "test");
            }
            byte[] from = (byte[]) args[2];
            written.put((Long) args[1], Arrays.copyOfRange(from, (Integer) args[3], (Integer) args[3] + (Integer) args[4]));
            yield null;
          }
          case "readMemory" -> {
            byte[] src = memory.get((Long) args[1]);
            int n = src == null ? 0 : Math.min(src.length, (Integer) args[4]);
            if (src != null) {
              System.arraycopy(src, 0, (byte[]) args[2], (Integer) args[3], n);
            }
            yield n;
          }
          case "ptraceCont" -> {
            requests.add("CONT " + args[1]);
            yield null;
          }
          case "ptraceSyscall" -> {
            requests.add("SYSCALL " + args[1]);
            yield null;
          }
          case "toString" -> "StopKernel";
          default -> throw new UnsupportedOperationException("the stop handler must not call " + method.getName());
        });
  }
}
