package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.linux.SeccompFilterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of config.json's {@code linux.seccomp} that bramble accepts, with what each means — one place, read by
 * the profile translation and by {@code bramble features}, so the two cannot disagree.
 */
public final class SeccompVocabulary {
  /** Actions (runc's meanings: SCMP_ACT_KILL kills the thread). SCMP_ACT_NOTIFY is not supported yet. */
  public static final List<String> ACTIONS = List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
      "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP");

  /** Comparison operators, with libseccomp's meaning. */
  public static final Map<String, SeccompFilterSpec.Op> OPERATORS = ordered(
      "SCMP_CMP_EQ", SeccompFilterSpec.Op.EQ, "SCMP_CMP_GE", SeccompFilterSpec.Op.GE,
      "SCMP_CMP_GT", SeccompFilterSpec.Op.GT, "SCMP_CMP_LE", SeccompFilterSpec.Op.LE,
      "SCMP_CMP_LT", SeccompFilterSpec.Op.LT, "SCMP_CMP_MASKED_EQ", SeccompFilterSpec.Op.MASKED_EQ,
      "SCMP_CMP_NE", SeccompFilterSpec.Op.NE);

  /** OCI architecture names and libseccomp's. */
  public static final Map<String, String> ARCHITECTURES = ordered(
      "SCMP_ARCH_AARCH64", "aarch64", "SCMP_ARCH_ARM", "arm", "SCMP_ARCH_MIPS", "mips",
      "SCMP_ARCH_MIPS64", "mips64", "SCMP_ARCH_MIPS64N32", "mips64n32", "SCMP_ARCH_MIPSEL", "mipsel",
      "SCMP_ARCH_MIPSEL64", "mipsel64", "SCMP_ARCH_MIPSEL64N32", "mipsel64n32", "SCMP_ARCH_PARISC", "parisc",
      "SCMP_ARCH_PARISC64", "parisc64", "SCMP_ARCH_PPC", "ppc", "SCMP_ARCH_PPC64", "ppc64",
      "SCMP_ARCH_PPC64LE", "ppc64le", "SCMP_ARCH_RISCV64", "riscv64", "SCMP_ARCH_S390", "s390",
      "SCMP_ARCH_S390X", "s390x", "SCMP_ARCH_X32", "x32", "SCMP_ARCH_X86", "x86", "SCMP_ARCH_X86_64", "x86_64");

  public static final int FLAG_LOG = 2, FLAG_SPEC_ALLOW = 4;

  /**
   * Filter flags and the seccomp(2) flag each becomes. TSYNC maps to 0: the filter is installed in a
   * single-threaded process, so there is nothing to synchronise (and it would clash with a listener).
   */
  public static final Map<String, Integer> FLAGS = ordered(
      "SECCOMP_FILTER_FLAG_TSYNC", 0, "SECCOMP_FILTER_FLAG_LOG", FLAG_LOG,
      "SECCOMP_FILTER_FLAG_SPEC_ALLOW", FLAG_SPEC_ALLOW);

  private SeccompVocabulary() {}

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> ordered(Object... pairs) {
    Map<String, V> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (V) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
