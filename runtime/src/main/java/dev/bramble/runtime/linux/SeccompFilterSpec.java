package dev.bramble.runtime.linux;

import java.util.List;

/**
 * A seccomp filter as libseccomp builds it: what {@link LinuxKernel#compileSeccomp} turns into a BPF program.
 * Actions are the kernel's {@code SECCOMP_RET_*} values with their data ({@code SCMP_ACT_*} use the same encoding),
 * see {@link #ALLOW} and friends.
 *
 * @param defaultAction what a syscall no rule matches gets
 * @param badArchAction what a syscall of an architecture not in {@code architectures} gets (and, on x86_64, an x32
 *     syscall when x32 is not listed: libseccomp checks the x32 bit itself)
 * @param architectures libseccomp architecture names ({@code x86_64}, {@code aarch64}, {@code x32}, {@code x86},
 *     {@code arm}...): exactly these end up in the filter
 * @param rules in order; rules of a syscall an architecture lacks are left out for that architecture
 */
public record SeccompFilterSpec(int defaultAction, int badArchAction, List<String> architectures, List<Rule> rules) {
  public static final int KILL_PROCESS = 0x80000000, KILL_THREAD = 0, TRAP = 0x00030000, ERRNO = 0x00050000,
      USER_NOTIF = 0x7fc00000, TRACE = 0x7ff00000, LOG = 0x7ffc0000, ALLOW = 0x7fff0000;

  public SeccompFilterSpec {
    architectures = List.copyOf(architectures);
    rules = List.copyOf(rules);
    if (architectures.isEmpty()) {
      throw new IllegalArgumentException("a seccomp filter needs at least one architecture");
    }
  }

  /** SECCOMP_RET_ERRNO with {@code errno} as the return value. */
  public static int errno(int errno) {
    return ERRNO | (errno & 0xffff);
  }

  /** SECCOMP_RET_TRACE with {@code data}, which the tracer reads with PTRACE_GETEVENTMSG. */
  public static int trace(int data) {
    return TRACE | (data & 0xffff);
  }

  /**
   * One rule: {@code action} for the syscall named {@code syscall} (resolved by libseccomp per architecture) when
   * every comparison holds — at most one per argument, libseccomp's restriction.
   *
   * @param fallbackNumber the host's number of the syscall, used when libseccomp does not know the name (it is newer
   *     than the installed libseccomp) and the filter holds only the host's architecture, the one case where
   *     libseccomp takes raw numbers; -1 for none
   */
  public record Rule(String syscall, int fallbackNumber, int action, List<Compare> args) {
    public Rule {
      args = List.copyOf(args);
      if (args.size() > 6) {
        throw new IllegalArgumentException("a syscall has at most 6 arguments, got " + args.size() + " conditions");
      }
    }

    public Rule(String syscall, int action, List<Compare> args) {
      this(syscall, -1, action, args);
    }
  }

  /** A comparison of argument {@code index} (0..5); for {@link Op#MASKED_EQ}, (arg &amp; value) == valueTwo. */
  public record Compare(int index, Op op, long value, long valueTwo) {
    public Compare {
      if (index < 0 || index > 5) {
        throw new IllegalArgumentException("syscall argument index must be 0..5, got " + index);
      }
    }
  }

  /** libseccomp's {@code enum scmp_compare}, with its numeric values. */
  public enum Op {
    NE(1), LT(2), LE(3), EQ(4), GE(5), GT(6), MASKED_EQ(7);

    private final int code;

    Op(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
