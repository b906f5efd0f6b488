package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.JsonPath.field;
import static dev.bramble.oci.validation.JsonPath.index;

import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.spec.LinuxSeccomp;
import dev.bramble.oci.spec.LinuxSeccompArg;
import dev.bramble.oci.spec.LinuxSyscall;
import java.util.List;

/** Checks on {@code linux.seccomp} (config-linux.md "Seccomp"). */
final class SeccompChecks {
  private static final String BASE = "linux.seccomp";
  private static final int MAX_SYSCALL_ARGS = 6;

  private SeccompChecks() {}

  static void check(LinuxSeccomp seccomp, Problems problems) {
    if (seccomp == null) {
      return;
    }
    boolean listener = seccomp.listenerPath() != null && !seccomp.listenerPath().isEmpty();
    String defaultAction = seccomp.defaultAction();
    if (defaultAction == null) {
      problems.missing(
          field(BASE, "defaultAction"), "an SCMP_ACT_* action such as \"SCMP_ACT_ERRNO\"");
    } else if (checkAction(field(BASE, "defaultAction"), defaultAction, problems)) {
      if (defaultAction.equals("SCMP_ACT_NOTIFY")) {
        problems.contradiction(
            field(BASE, "defaultAction"),
            "SCMP_ACT_NOTIFY cannot be the default action (the listener would get every syscall,"
                + " including the runtime's own)",
            "use SCMP_ACT_NOTIFY only in syscalls[].action");
      }
      checkErrno(
          field(BASE, "defaultErrnoRet"), seccomp.defaultErrnoRet(), defaultAction, problems);
    }
    checkList(
        field(BASE, "architectures"),
        "seccomp architecture",
        seccomp.architectures(),
        KnownValues.SECCOMP_ARCHES,
        problems);
    checkList(
        field(BASE, "flags"), "seccomp flag", seccomp.flags(), KnownValues.SECCOMP_FLAGS, problems);
    if (!listener && seccomp.listenerMetadata() != null && !seccomp.listenerMetadata().isEmpty()) {
      problems.contradiction(
          field(BASE, "listenerMetadata"),
          "listenerMetadata is set but listenerPath is not",
          "set linux.seccomp.listenerPath or remove listenerMetadata");
    }
    List<LinuxSyscall> syscalls = seccomp.syscalls();
    if (syscalls == null) {
      return;
    }
    for (int i = 0; i < syscalls.size(); i++) {
      LinuxSyscall syscall = syscalls.get(i);
      if (syscall != null) {
        checkSyscall(index(field(BASE, "syscalls"), i), syscall, listener, problems);
      }
    }
  }

  private static void checkSyscall(
      String path, LinuxSyscall syscall, boolean listener, Problems problems) {
    List<String> names = syscall.names();
    if (names == null) {
      problems.missing(field(path, "names"), "an array of syscall names, e.g. [\"mount\"]");
    } else if (names.isEmpty()) {
      problems.empty(field(path, "names"), "at least one syscall name");
    } else {
      for (int j = 0; j < names.size(); j++) {
        if (names.get(j) != null && names.get(j).isEmpty()) {
          problems.empty(index(field(path, "names"), j), "a syscall name such as \"mount\"");
        }
      }
    }
    String action = syscall.action();
    if (action == null) {
      problems.missing(field(path, "action"), "an SCMP_ACT_* action");
    } else if (checkAction(field(path, "action"), action, problems)) {
      checkErrno(field(path, "errnoRet"), syscall.errnoRet(), action, problems);
      if (action.equals("SCMP_ACT_NOTIFY") && !listener) {
        problems.contradiction(
            field(path, "action"),
            "SCMP_ACT_NOTIFY needs a listener, but linux.seccomp.listenerPath is not set",
            "set linux.seccomp.listenerPath to the agent's UNIX socket");
      }
    }
    List<LinuxSeccompArg> args = syscall.args();
    if (args == null) {
      return;
    }
    for (int j = 0; j < args.size(); j++) {
      LinuxSeccompArg arg = args.get(j);
      if (arg == null) {
        continue;
      }
      String argPath = index(field(path, "args"), j);
      if (arg.index() == null) {
        problems.missing(field(argPath, "index"), "the argument index, 0 to 5");
      } else if (arg.index() >= MAX_SYSCALL_ARGS) {
        problems.outOfRange(
            field(argPath, "index"),
            arg.index().toString(),
            "0 to 5 (syscalls have at most six arguments)");
      }
      if (arg.value() == null) {
        problems.missing(field(argPath, "value"), "the value to compare with (uint64)");
      }
      if (arg.op() == null) {
        problems.missing(field(argPath, "op"), "an SCMP_CMP_* operator");
      } else if (!KnownValues.SECCOMP_OPERATORS.contains(arg.op())) {
        problems.notOneOf(
            field(argPath, "op"), "seccomp operator", arg.op(), KnownValues.SECCOMP_OPERATORS);
      }
    }
  }

  /** Reports an unknown action; true when the action is known. */
  private static boolean checkAction(String path, String action, Problems problems) {
    if (KnownValues.SECCOMP_ACTIONS.contains(action)) {
      return true;
    }
    problems.notOneOf(path, "seccomp action", action, KnownValues.SECCOMP_ACTIONS);
    return false;
  }

  private static void checkErrno(String path, Long errno, String action, Problems problems) {
    if (errno != null && !KnownValues.SECCOMP_ERRNO_ACTIONS.contains(action)) {
      problems.contradiction(
          path,
          "an errno return only applies to SCMP_ACT_ERRNO and SCMP_ACT_TRACE, but the action is "
              + action,
          "remove " + path.substring(path.lastIndexOf('.') + 1) + " or change the action");
    }
  }

  private static void checkList(
      String path, String what, List<String> values, List<String> allowed, Problems problems) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value != null && !allowed.contains(value)) {
        problems.notOneOf(index(path, i), what, value, allowed);
      }
    }
  }
}
