package dev.bramble.runtime.config;

import dev.bramble.runtime.linux.ProcFs;
import java.util.List;
import java.util.OptionalInt;

/** Linux capability numbers (include/uapi/linux/capability.h), index = number. */
public final class Capability {
  private static final List<String> NAMES = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
      "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
      "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
      "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
      "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
      "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
      "CAP_CHECKPOINT_RESTORE");

  private Capability() {}

  public static OptionalInt number(String name) {
    int i = NAMES.indexOf(name);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  public static String name(int number) {
    return number < NAMES.size() ? NAMES.get(number) : "CAP_" + number;
  }

  /** The host kernel's highest capability (/proc/sys/kernel/cap_last_cap), capped at what this table knows. */
  public static int hostLast() {
    try {
      String text = ProcFs.read(java.nio.file.Path.of("/proc/sys/kernel/cap_last_cap")).trim();
      return Math.min(Integer.parseInt(text), last());
    } catch (java.io.IOException | NumberFormatException e) {
      return last();
    }
  }

  /** The highest capability this table knows. */
  public static int last() {
    return NAMES.size() - 1;
  }
}
