package dev.bramble.runtime.seccomp;

import dev.bramble.oci.spec.LinuxSeccomp;
import dev.bramble.oci.spec.LinuxSeccompArg;
import dev.bramble.oci.spec.LinuxSyscall;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.SeccompFilterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * config.json's {@code linux.seccomp}, checked and put in the kernel's terms, with runc's meanings: SCMP_ACT_KILL
 * kills the thread, SCMP_ACT_ERRNO without errnoRet is EPERM, unknown syscall names are ignored. {@link #from} names
 * the JSON path of anything it cannot accept.
 *
 * <p>SCMP_ACT_TRACE becomes ERRNO(ENOSYS): under runc no tracer is attached, and the kernel answers a trace rule
 * without a tracer with ENOSYS. Here the sentry is the tracer, but it must not take calls meant for another one; the
 * translation keeps runc's result and means every trace stop the sentry sees comes from its own filter.
 *
 * @param defaultAction the kernel action for unmatched calls
 * @param enosysForNewSyscalls whether syscalls newer than every syscall the profile names get ENOSYS instead of
 *     the default action (runc does this unless the default allows, logs or traces, or is already ENOSYS), so that
 *     programs fall back from syscalls the profile's author did not know
 * @param architectures the OCI names listed
 * @param flags seccomp(2) filter flags
 */
public record SeccompProfile(int defaultAction, boolean enosysForNewSyscalls, List<String> architectures, int flags,
    List<Rule> rules) {
  private static final String PATH = "linux.seccomp";

  /** One syscall of a rule: runc expands a rule's names into one rule each. */
  public record Rule(String syscall, int action, List<SeccompFilterSpec.Compare> args, String jsonPath) {}

  public SeccompProfile {
    architectures = List.copyOf(architectures);
    rules = List.copyOf(rules);
  }

  public static SeccompProfile from(LinuxSeccomp s) {
    if (s.listenerPath() != null && !s.listenerPath().isEmpty()) {
      throw new ConfigException(PATH + ".listenerPath", "seccomp user notification (listenerPath) is not supported "
          + "by bramble yet", "remove listenerPath and the SCMP_ACT_NOTIFY rules; bramble's sentry can take over "
          + "such decisions in a later version");
    }
    if (s.defaultAction() == null || s.defaultAction().isEmpty()) {
      throw new ConfigException(PATH + ".defaultAction", "missing", "set it, e.g. to \"SCMP_ACT_ERRNO\"");
    }
    int defaultAction = action(s.defaultAction(), s.defaultErrnoRet(), PATH + ".defaultAction");
    boolean permissive = switch (s.defaultAction()) {
      case "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE" -> true;
      default -> false;
    };
    boolean defaultIsEnosys = s.defaultErrnoRet() != null && s.defaultErrnoRet() == Errno.ENOSYS;

    List<String> arches = new ArrayList<>();
    List<String> listed = orEmpty(s.architectures());
    for (int i = 0; i < listed.size(); i++) {
      String a = listed.get(i);
      if (!SeccompVocabulary.ARCHITECTURES.containsKey(a)) {
        throw new ConfigException(PATH + ".architectures[" + i + "]", "unknown architecture \"" + a + "\"",
            "use SCMP_ARCH_* names: " + String.join(", ", SeccompVocabulary.ARCHITECTURES.keySet()));
      }
      arches.add(a);
    }
    int flags = 0;
    List<String> flagNames = orEmpty(s.flags());
    for (int i = 0; i < flagNames.size(); i++) {
      Integer f = SeccompVocabulary.FLAGS.get(flagNames.get(i));
      if (f == null) {
        throw new ConfigException(PATH + ".flags[" + i + "]", "unknown or unsupported flag \"" + flagNames.get(i)
            + "\"", "use one of " + String.join(", ", SeccompVocabulary.FLAGS.keySet()));
      }
      flags |= f;
    }
    List<Rule> rules = new ArrayList<>();
    List<LinuxSyscall> calls = orEmpty(s.syscalls());
    for (int i = 0; i < calls.size(); i++) {
      LinuxSyscall call = calls.get(i);
      String path = PATH + ".syscalls[" + i + "]";
      List<String> names = orEmpty(call.names());
      if (names.isEmpty()) {
        throw new ConfigException(path + ".names", "a rule needs at least one syscall name", "add names or drop "
            + "the rule");
      }
      if (call.action() == null) {
        throw new ConfigException(path + ".action", "missing", "set an SCMP_ACT_* action");
      }
      int action = action(call.action(), call.errnoRet(), path + ".action");
      List<SeccompFilterSpec.Compare> args = new ArrayList<>();
      List<LinuxSeccompArg> declared = orEmpty(call.args());
      for (int j = 0; j < declared.size(); j++) {
        args.add(compare(declared.get(j), path + ".args[" + j + "]"));
      }
      for (int n = 0; n < names.size(); n++) {
        String name = names.get(n);
        if (name == null || name.isBlank()) {
          throw new ConfigException(path + ".names[" + n + "]", "empty syscall name", "remove it");
        }
        rules.add(new Rule(name, action, args, path));
      }
    }
    return new SeccompProfile(defaultAction, !permissive && !defaultIsEnosys, arches, flags, rules);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static int action(String name, Long errnoRet, String path) {
    if (errnoRet != null && (errnoRet < 0 || errnoRet > 0xffff)) {
      throw new ConfigException(path.replace(".action", ".errnoRet").replace(".defaultAction", ".defaultErrnoRet"),
          "errno " + errnoRet + " does not fit SECCOMP_RET_DATA (16 bits)", "use an errno number such as 1 (EPERM)");
    }
    int errno = errnoRet == null ? Errno.EPERM : errnoRet.intValue();
    return switch (name) {
      case "SCMP_ACT_ALLOW" -> SeccompFilterSpec.ALLOW;
      case "SCMP_ACT_ERRNO" -> SeccompFilterSpec.errno(errno);
      case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> SeccompFilterSpec.KILL_THREAD;
      case "SCMP_ACT_KILL_PROCESS" -> SeccompFilterSpec.KILL_PROCESS;
      case "SCMP_ACT_LOG" -> SeccompFilterSpec.LOG;
      case "SCMP_ACT_TRAP" -> SeccompFilterSpec.TRAP;
      case "SCMP_ACT_TRACE" -> SeccompFilterSpec.errno(Errno.ENOSYS);
      case "SCMP_ACT_NOTIFY" -> throw new ConfigException(path, "SCMP_ACT_NOTIFY (seccomp user notification) is "
          + "not supported by bramble yet", "use another action for this rule");
      default -> throw new ConfigException(path, "unknown action \"" + name + "\"",
          "use one of " + String.join(", ", SeccompVocabulary.ACTIONS));
    };
  }

  private static SeccompFilterSpec.Compare compare(LinuxSeccompArg arg, String path) {
    if (arg.index() == null || arg.index() > 5) {
      throw new ConfigException(path + ".index", arg.index() == null ? "missing" : "argument " + arg.index()
          + " does not exist", "syscall arguments are numbered 0 to 5");
    }
    SeccompFilterSpec.Op op = arg.op() == null ? null : SeccompVocabulary.OPERATORS.get(arg.op());
    if (op == null) {
      throw new ConfigException(path + ".op", arg.op() == null ? "missing" : "unknown operator \"" + arg.op() + "\"",
          "use one of " + String.join(", ", SeccompVocabulary.OPERATORS.keySet()));
    }
    long value = arg.value() == null ? 0 : arg.value();
    long valueTwo = arg.valueTwo() == null ? 0 : arg.valueTwo();
    return new SeccompFilterSpec.Compare(arg.index().intValue(), op, value, valueTwo);
  }
}
