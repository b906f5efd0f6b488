package dev.bramble.runtime.sentry;

import dev.bramble.runtime.linux.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * The execve at {@code start}, with the $PATH search runc does (exec.LookPath over the process's PATH) performed by
 * the container itself: each candidate is an execve in the init, so the lookup sees exactly the container's root,
 * mounts and permissions.
 */
final class EntrypointExec {
  /** execvp's fallback when the process has no PATH. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private EntrypointExec() {}

  /** Thrown when no candidate could be executed; the message reads like runc's. */
  static final class ExecFailed extends RuntimeException {
    ExecFailed(String message) {
      super(message);
    }
  }

  static void exec(RemoteSyscalls init, List<String> args, List<String> env) {
    if (args.isEmpty()) {
      throw new ExecFailed("exec: process.args is empty: nothing to run");
    }
    String name = args.get(0);
    int lastErrno = Errno.ENOENT;
    boolean sawPermission = false;
    for (String candidate : candidates(name, env)) {
      int errno = init.execve(candidate, args, env);
      if (errno == 0) {
        return;
      }
      if (errno == Errno.EACCES) {
        sawPermission = true;
      } else if (errno != Errno.ENOENT && errno != Errno.ENOTDIR) {
        lastErrno = errno;
        break;
      }
    }
    if (sawPermission && lastErrno == Errno.ENOENT) {
      lastErrno = Errno.EACCES;
    }
    if (lastErrno == Errno.ENOENT && !name.contains("/")) {
      throw new ExecFailed("exec: \"" + name + "\": executable file not found in $PATH");
    }
    throw new ExecFailed("exec: \"" + name + "\": " + Errno.describe(lastErrno));
  }

  static List<String> candidates(String name, List<String> env) {
    if (name.contains("/")) {
      return List.of(name);
    }
    String path = DEFAULT_PATH;
    for (String e : env) {
      if (e.startsWith("PATH=")) {
        path = e.substring(5);
      }
    }
    List<String> out = new ArrayList<>();
    for (String dir : path.split(":", -1)) {
      out.add((dir.isEmpty() ? "." : dir) + "/" + name);
    }
    return out;
  }
}
