package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.JsonPath.field;
import static dev.bramble.oci.validation.JsonPath.index;

import dev.bramble.oci.spec.CpuAffinity;
import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.spec.LinuxCapabilities;
import dev.bramble.oci.spec.LinuxIoPriority;
import dev.bramble.oci.spec.PosixRlimit;
import dev.bramble.oci.spec.Process;
import dev.bramble.oci.spec.Scheduler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks on {@code process}: args, cwd, env, capabilities, rlimits, scheduler, ioPriority. */
final class ProcessChecks {
  /** The cpuset list format: "0-3,5,7-8". */
  static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

  private ProcessChecks() {}

  static void check(Process process, Problems problems) {
    if (process == null) {
      return;
    }
    checkArgs(process.args(), problems);
    String cwd = process.cwd();
    if (cwd == null || cwd.isEmpty()) {
      problems.missing("process.cwd", "the absolute working directory, e.g. \"/\"");
    } else if (!cwd.startsWith("/")) {
      problems.notAbsolute("process.cwd", "process.cwd", cwd);
    }
    checkEnv("process.env", process.env(), problems);
    if (process.consoleSize() != null) {
      if (process.consoleSize().height() == null) {
        problems.missing("process.consoleSize.height", "the number of rows");
      }
      if (process.consoleSize().width() == null) {
        problems.missing("process.consoleSize.width", "the number of columns");
      }
    }
    checkCapabilities(process.capabilities(), problems);
    checkRlimits(process.rlimits(), problems);
    Integer oom = process.oomScoreAdj();
    if (oom != null && (oom < -1000 || oom > 1000)) {
      problems.outOfRange("process.oomScoreAdj", oom.toString(), "-1000 to 1000");
    }
    checkScheduler(process.scheduler(), problems);
    checkIoPriority(process.ioPriority(), problems);
    checkAffinity(process.execCPUAffinity(), problems);
  }

  private static void checkArgs(List<String> args, Problems problems) {
    if (args == null) {
      problems.missing("process.args", "the program and its arguments, e.g. [\"sh\"]");
    } else if (args.isEmpty()) {
      problems.empty("process.args", "at least the program to run, e.g. [\"sh\"]");
    } else if (args.get(0) != null && args.get(0).isEmpty()) {
      problems.empty("process.args[0]", "the program to run, e.g. \"sh\" or \"/bin/sh\"");
    }
  }

  /** KEY=value entries with a non-empty KEY, as runc's init insists. */
  static void checkEnv(String listPath, List<String> env, Problems problems) {
    if (env == null) {
      return;
    }
    for (int i = 0; i < env.size(); i++) {
      String entry = env.get(i);
      if (entry == null) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        problems.invalid(
            index(listPath, i),
            "environment entry without '=': found "
                + JsonPath.quote(entry)
                + "; expected KEY=value (e.g. "
                + JsonPath.quote(entry + "=")
                + " for an empty value)");
      } else if (eq == 0) {
        problems.invalid(
            index(listPath, i),
            "environment entry with an empty name: found "
                + JsonPath.quote(entry)
                + "; expected KEY=value");
      } else if (entry.indexOf('\0') >= 0) {
        problems.invalid(index(listPath, i), "environment entry contains a NUL byte");
      }
    }
  }

  private static void checkCapabilities(LinuxCapabilities caps, Problems problems) {
    if (caps == null) {
      return;
    }
    checkCapabilitySet("process.capabilities.bounding", caps.bounding(), problems);
    checkCapabilitySet("process.capabilities.effective", caps.effective(), problems);
    checkCapabilitySet("process.capabilities.inheritable", caps.inheritable(), problems);
    checkCapabilitySet("process.capabilities.permitted", caps.permitted(), problems);
    checkCapabilitySet("process.capabilities.ambient", caps.ambient(), problems);
  }

  private static void checkCapabilitySet(String path, List<String> names, Problems problems) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name != null && !KnownValues.CAPABILITIES.contains(name)) {
        problems.notOneOf(index(path, i), "capability", name, KnownValues.CAPABILITIES);
      }
    }
  }

  private static void checkRlimits(List<PosixRlimit> rlimits, Problems problems) {
    if (rlimits == null) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < rlimits.size(); i++) {
      PosixRlimit rlimit = rlimits.get(i);
      if (rlimit == null) {
        continue;
      }
      String path = index("process.rlimits", i);
      String type = rlimit.type();
      if (type == null) {
        problems.missing(field(path, "type"), "an RLIMIT_* name such as \"RLIMIT_NOFILE\"");
      } else if (!KnownValues.RLIMITS.contains(type)) {
        problems.notOneOf(field(path, "type"), "rlimit type", type, KnownValues.RLIMITS);
      } else if (seen.containsKey(type)) {
        problems.duplicate(field(path, "type"), "rlimit", type, seen.get(type));
      } else {
        seen.put(type, field(path, "type"));
      }
      if (rlimit.hard() == null) {
        problems.missing(field(path, "hard"), "the hard limit (uint64)");
      }
      if (rlimit.soft() == null) {
        problems.missing(field(path, "soft"), "the soft limit (uint64)");
      }
      if (rlimit.hard() != null
          && rlimit.soft() != null
          && Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
        problems.invalid(
            field(path, "soft"),
            "soft limit above hard limit: found soft "
                + Long.toUnsignedString(rlimit.soft())
                + ", hard "
                + Long.toUnsignedString(rlimit.hard())
                + "; expected soft <= hard (setrlimit fails with EINVAL otherwise)");
      }
    }
  }

  private static void checkScheduler(Scheduler scheduler, Problems problems) {
    if (scheduler == null) {
      return;
    }
    String policy = scheduler.policy();
    if (policy == null) {
      problems.missing("process.scheduler.policy", "a SCHED_* policy such as \"SCHED_OTHER\"");
    } else if (!KnownValues.SCHEDULER_POLICIES.contains(policy)) {
      problems.notOneOf(
          "process.scheduler.policy", "scheduler policy", policy, KnownValues.SCHEDULER_POLICIES);
    } else {
      // runc's rules, after sched_setattr(2)
      boolean niceApplies = policy.equals("SCHED_OTHER") || policy.equals("SCHED_BATCH");
      Integer nice = scheduler.nice();
      if (niceApplies && nice != null && (nice < -20 || nice > 19)) {
        problems.outOfRange(
            "process.scheduler.nice", nice.toString(), "-20 to 19 for policy " + policy);
      }
      Integer priority = scheduler.priority();
      boolean realtime = policy.equals("SCHED_FIFO") || policy.equals("SCHED_RR");
      if (priority != null && priority != 0 && !realtime) {
        problems.contradiction(
            "process.scheduler.priority",
            "priority only applies to SCHED_FIFO and SCHED_RR, but policy is " + policy,
            "remove priority or change the policy");
      }
      boolean deadlineFields =
          nonZero(scheduler.runtime())
              || nonZero(scheduler.deadline())
              || nonZero(scheduler.period());
      if (deadlineFields && !policy.equals("SCHED_DEADLINE")) {
        problems.contradiction(
            "process.scheduler",
            "runtime/deadline/period only apply to SCHED_DEADLINE, but policy is " + policy,
            "remove them or change the policy");
      }
    }
    List<String> flags = scheduler.flags();
    if (flags != null) {
      for (int i = 0; i < flags.size(); i++) {
        String flag = flags.get(i);
        if (flag != null && !KnownValues.SCHEDULER_FLAGS.contains(flag)) {
          problems.notOneOf(
              index("process.scheduler.flags", i),
              "scheduler flag",
              flag,
              KnownValues.SCHEDULER_FLAGS);
        }
      }
    }
  }

  private static boolean nonZero(Long value) {
    return value != null && value != 0;
  }

  private static void checkIoPriority(LinuxIoPriority ioPriority, Problems problems) {
    if (ioPriority == null) {
      return;
    }
    String ioClass = ioPriority.ioClass();
    if (ioClass == null) {
      problems.missing("process.ioPriority.class", "one of " + KnownValues.IOPRIO_CLASSES);
    } else if (!KnownValues.IOPRIO_CLASSES.contains(ioClass)) {
      problems.notOneOf(
          "process.ioPriority.class", "I/O priority class", ioClass, KnownValues.IOPRIO_CLASSES);
    }
    Integer priority = ioPriority.priority();
    if (priority != null && (priority < 0 || priority > 7)) {
      problems.outOfRange("process.ioPriority.priority", priority.toString(), "0 (highest) to 7");
    }
  }

  private static void checkAffinity(CpuAffinity affinity, Problems problems) {
    if (affinity == null) {
      return;
    }
    checkCpuList("process.execCPUAffinity.initial", affinity.initial(), problems);
    checkCpuList("process.execCPUAffinity.final", affinity.finalCpus(), problems);
  }

  static void checkCpuList(String path, String value, Problems problems) {
    if (value != null && !value.isEmpty() && !CPU_LIST.matcher(value).matches()) {
      problems.invalid(
          path,
          "not a CPU list: found "
              + JsonPath.quote(value)
              + "; expected the cpuset list format, e.g. \"0-3,6\"");
    }
  }
}
