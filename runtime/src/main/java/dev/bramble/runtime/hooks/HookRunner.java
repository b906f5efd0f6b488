package dev.bramble.runtime.hooks;

import dev.bramble.oci.spec.Hook;
import dev.bramble.runtime.linux.Errno;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.SpawnRequest;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.linux.WaitStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one hook as the runtime-spec describes: {@code path} executed with {@code args} (args[0] is argv[0]) and
 * {@code env}, the container's state JSON on stdin, killed after {@code timeout} seconds. The hook is spawned
 * with posix_spawn in its own session (so a timeout kills everything it started, nsenter's child included) with
 * stdin, stdout and stderr in files, so that neither a hook that never reads its stdin nor one that forks a
 * daemon keeping its stdout open can block bramble.
 *
 * <p>When no {@code env} is given the hook inherits bramble's environment, as runc's hooks do.
 */
public final class HookRunner {
  static final String NSENTER = "/usr/bin/nsenter";
  private static final int O_RDONLY = 0, O_WRONLY = 1;
  private static final int OUTPUT_TAIL = 2000;
  private static final long POLL_MS = 5;

  private final LinuxKernel kernel;
  private final String nsenter;

  public HookRunner(LinuxKernel kernel) {
    this(kernel, NSENTER);
  }

  HookRunner(LinuxKernel kernel, String nsenter) {
    this.kernel = kernel;
    this.nsenter = nsenter;
  }

  /** What the hook printed, for the log and for errors. */
  public record Outcome(String stdout, String stderr) {}

  /**
   * @param where the hook's place in config.json, e.g. {@code hooks.createRuntime[0]}
   * @throws HookException if it cannot be started, exits non-zero, dies of a signal or times out
   */
  public Outcome run(String where, Hook hook, byte[] state, HookTarget target, Path cwd) {
    if (hook.path() == null || !hook.path().startsWith("/")) {
      throw new HookException(where + ".path: \"" + hook.path() + "\" is not an absolute path; the runtime-spec"
          + " requires one");
    }
    if (target.inContainer() && !Files.isExecutable(Path.of(nsenter))) {
      throw new HookException(where + ": runs in the container's namespaces, which bramble enters with " + nsenter
          + ", and that is missing; install util-linux");
    }
    Path in = null;
    Path out = null;
    Path err = null;
    try {
      in = Files.createTempFile("bramble-hook-in", ".json");
      out = Files.createTempFile("bramble-hook-out", ".txt");
      err = Files.createTempFile("bramble-hook-err", ".txt");
      Files.write(in, state);
      int pid = spawn(hook, target, cwd, in, out, err, where);
      WaitStatus status = await(pid, hook.timeout(), where);
      Outcome outcome = new Outcome(tail(out), tail(err));
      if (status.exited() && status.exitCode() == 0) {
        return outcome;
      }
      throw new HookException(where + " (" + hook.path() + ") failed: " + describe(status, target)
          + (outcome.stdout().isEmpty() ? "" : "; stdout: " + outcome.stdout())
          + (outcome.stderr().isEmpty() ? "" : "; stderr: " + outcome.stderr())
          + "; fix the hook or remove it from config.json");
    } catch (IOException e) {
      throw new HookException(where + ": cannot prepare its stdin/stdout files in "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    } finally {
      for (Path p : new Path[] {in, out, err}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            // a temp file left behind is harmless
          }
        }
      }
    }
  }

  private int spawn(Hook hook, HookTarget target, Path cwd, Path in, Path out, Path err, String where) {
    List<String> hookArgv = hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
    String path = hook.path();
    List<String> argv = hookArgv;
    if (target.inContainer()) {
      // nsenter runs the program by its path (as its argv[0]); the hook's own argv[0] cannot be kept this way
      path = nsenter;
      argv = new ArrayList<>(List.of(nsenter));
      argv.addAll(target.nsenterOptions());
      argv.add("--");
      argv.add(hook.path());
      argv.addAll(hookArgv.subList(1, hookArgv.size()));
    }
    List<String> env = hook.env() != null ? hook.env()
        : System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    int stdin = kernel.open(in.toString(), O_RDONLY, 0);
    int stdout = -1;
    int stderr = -1;
    try {
      stdout = kernel.open(out.toString(), O_WRONLY, 0);
      stderr = kernel.open(err.toString(), O_WRONLY, 0);
      return kernel.spawn(new SpawnRequest(path, argv, env, Map.of(0, stdin, 1, stdout, 2, stderr), true,
          cwd.toString()));
    } catch (SyscallException e) {
      throw new HookException(where + ": cannot start " + hook.path() + ": " + Errno.describe(e.errno())
          + "; check hooks path, that it is executable, and that cwd " + cwd + " exists", e);
    } finally {
      kernel.close(stdin);
      if (stdout >= 0) {
        kernel.close(stdout);
      }
      if (stderr >= 0) {
        kernel.close(stderr);
      }
    }
  }

  private WaitStatus await(int pid, Integer timeoutSeconds, String where) {
    if (timeoutSeconds == null || timeoutSeconds <= 0) {
      return kernel.waitpid(pid, 0);
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (true) {
      WaitStatus s = kernel.waitpid(pid, Ptrace.WNOHANG);
      if (s.pid() != 0 && s.terminated()) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        try {
          kernel.kill(-pid, Signals.SIGKILL); // its whole process group: it is the leader of its own session
        } catch (SyscallException e) {
          // exited just now
        }
        kernel.waitpid(pid, 0);
        throw new HookException(where + " did not finish within its timeout of " + timeoutSeconds + "s and was"
            + " killed; make the hook faster or raise " + where + ".timeout");
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kernel.kill(-pid, Signals.SIGKILL);
        kernel.waitpid(pid, 0);
        throw new HookException(where + " was interrupted");
      }
    }
  }

  private static String describe(WaitStatus status, HookTarget target) {
    if (status.exited()) {
      String code = "exit status " + status.exitCode();
      // nsenter's own failures (a namespace it could not enter) exit 1 with its message on stderr
      return target.inContainer() ? code + " (run through nsenter)" : code;
    }
    return "killed by signal " + status.termSignal();
  }

  private static String tail(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    return text.length() <= OUTPUT_TAIL ? text : "..." + text.substring(text.length() - OUTPUT_TAIL);
  }
}
