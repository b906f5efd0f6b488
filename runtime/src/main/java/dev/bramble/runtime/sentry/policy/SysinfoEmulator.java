package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.linux.ProcFs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.IntSupplier;

/**
 * The {@code struct sysinfo} of an emulated sysinfo(2) for a container with a memory limit: total memory is the
 * limit and free memory what the container's cgroup has not used of it, so runtimes that size themselves from
 * sysinfo (the JVM, Node, Go's GOMEMLIMIT helpers) see the container, not the host. Swap reads as none, the process
 * count is the container's, uptime and load are the host's. The layout (112 bytes, mem_unit 1) is the same on
 * x86_64 and aarch64.
 */
public final class SysinfoEmulator {
  public static final int SIZE = 112;
  private static final int UPTIME = 0, LOADS = 8, TOTALRAM = 32, FREERAM = 40, PROCS = 80, MEM_UNIT = 104;
  /** Load averages are fixed point with 16 fraction bits (SI_LOAD_SHIFT). */
  private static final double LOAD_SCALE = 1 << 16;

  /** Where host facts come from; a test substitutes its own. */
  interface HostFacts {
    /** The bytes the cgroup of {@code tid} uses (memory.current), if it can be read. */
    OptionalLong memoryUsed(int tid);

    /** MemAvailable of the host, in bytes. */
    long hostAvailable();

    /** "uptime idle" as in /proc/uptime. */
    String uptime();

    /** "1m 5m 15m running/total last" as in /proc/loadavg. */
    String loadavg();
  }

  private final long limit;
  private final IntSupplier processCount;
  private final HostFacts host;

  SysinfoEmulator(long limit, IntSupplier processCount, HostFacts host) {
    this.limit = limit;
    this.processCount = processCount;
    this.host = host;
  }

  /** An emulator when the container has a memory limit; empty means sysinfo runs natively. */
  public static java.util.Optional<SysinfoEmulator> forLimit(OptionalLong limit, IntSupplier processCount) {
    return limit.isPresent()
        ? java.util.Optional.of(new SysinfoEmulator(limit.getAsLong(), processCount, new ProcHostFacts()))
        : java.util.Optional.empty();
  }

  /** The struct for a call made by {@code tid}. */
  public byte[] bytes(int tid) {
    long used = host.memoryUsed(tid).orElse(-1);
    long free = used >= 0 ? Math.max(0, limit - used) : Math.min(limit, host.hostAvailable());
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
    b.putLong(UPTIME, (long) firstNumber(host.uptime()));
    String[] loads = host.loadavg().trim().split("\\s+");
    for (int i = 0; i < 3; i++) {
      b.putLong(LOADS + 8 * i, i < loads.length ? (long) (parse(loads[i]) * LOAD_SCALE) : 0);
    }
    b.putLong(TOTALRAM, limit);
    b.putLong(FREERAM, free);
    b.putShort(PROCS, (short) Math.min(0xffff, processCount.getAsInt()));
    b.putInt(MEM_UNIT, 1);
    return b.array();
  }

  private static double firstNumber(String s) {
    String[] parts = s.trim().split("\\s+");
    return parts.length == 0 ? 0 : parse(parts[0]);
  }

  private static double parse(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The host through /proc and the cgroup v2 filesystem, read at each call (sysinfo is rare). */
  static final class ProcHostFacts implements HostFacts {
    @Override
    public OptionalLong memoryUsed(int tid) {
      // the sentry reads from the host's cgroup namespace, so the paths are the host's
      String cgroups;
      try {
        cgroups = ProcFs.read(Path.of("/proc", Integer.toString(tid), "cgroup"));
      } catch (IOException e) {
        return OptionalLong.empty();
      }
      for (String line : cgroups.split("\n")) {
        String[] f = line.split(":", 3);
        if (f.length < 3) {
          continue;
        }
        Path usage = null;
        if (f[0].equals("0") && f[1].isEmpty()) {
          usage = Path.of("/sys/fs/cgroup", f[2].strip(), "memory.current"); // cgroup v2
        } else if (java.util.Arrays.asList(f[1].split(",")).contains("memory")) {
          usage = Path.of("/sys/fs/cgroup/memory", f[2].strip(), "memory.usage_in_bytes"); // cgroup v1
        }
        try {
          if (usage != null) {
            return OptionalLong.of(Long.parseLong(ProcFs.read(usage).strip()));
          }
        } catch (IOException | NumberFormatException e) {
          // not mounted there (a hybrid host): try the other hierarchy, else the host's available memory
        }
      }
      return OptionalLong.empty();
    }

    @Override
    public long hostAvailable() {
      try {
        for (String line : ProcFs.read(Path.of("/proc/meminfo")).split("\n")) {
          if (line.startsWith("MemAvailable:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // unknown: report the limit as free
      }
      return Long.MAX_VALUE;
    }

    @Override
    public String uptime() {
      return read("/proc/uptime");
    }

    @Override
    public String loadavg() {
      return read("/proc/loadavg");
    }

    private static String read(String path) {
      try {
        return ProcFs.read(Path.of(path));
      } catch (IOException e) {
        return "0";
      }
    }
  }
}
