package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.ProcFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntToLongFunction;

/**
 * What an emulated uname(2) writes for a given caller: the container's {@link Utsname}, with the machine field the
 * kernel would report under the caller's execution domain — a PER_LINUX32 process sees the 32-bit name ("i686" on
 * x86_64, "armv8l" on aarch64), as with {@code linux.personality} LINUX32 or {@code setarch linux32}. The domain is
 * read from /proc/TID/personality: kernel state, not tracee memory.
 */
public final class UnameEmulator {
  private static final int PER_MASK = 0xff, PER_LINUX32 = 0x0008;

  private final byte[] nativeBytes;
  private final byte[] compatBytes;
  private final IntToLongFunction personality;

  UnameEmulator(Utsname uts, String compatMachine, IntToLongFunction personality) {
    this.nativeBytes = uts.bytes();
    this.compatBytes = new Utsname(uts.sysname(), uts.nodename(), uts.release(), uts.version(), compatMachine,
        uts.domainname()).bytes();
    this.personality = personality;
  }

  public static UnameEmulator of(Utsname uts, Arch arch) {
    return new UnameEmulator(uts, compatMachine(arch), UnameEmulator::procPersonality);
  }

  /** COMPAT_UTS_MACHINE of each architecture's kernel. */
  static String compatMachine(Arch arch) {
    return switch (arch) {
      case X86_64 -> "i686";
      case AARCH64 -> "armv8l";
    };
  }

  /** The struct for a call made by {@code tid}. */
  public byte[] bytes(int tid) {
    return (personality.applyAsLong(tid) & PER_MASK) == PER_LINUX32 ? compatBytes : nativeBytes;
  }

  private static long procPersonality(int tid) {
    try {
      return Long.parseLong(ProcFs.read(Path.of("/proc", Integer.toString(tid), "personality")).strip(), 16);
    } catch (IOException | NumberFormatException e) {
      return 0; // the caller is gone or the file unreadable: the native answer
    }
  }
}
