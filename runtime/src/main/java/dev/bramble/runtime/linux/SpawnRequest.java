package dev.bramble.runtime.linux;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What posix_spawn should start. The child gets exactly the fds in {@code fds} (child fd → parent fd; every other
 * fd is closed), an empty signal mask and default dispositions for every signal — the JVM leaks a blocked SIGQUIT
 * and ignored signals otherwise.
 *
 * @param path absolute path of the executable
 * @param argv argument vector including argv[0]
 * @param env environment entries "K=V"
 * @param fds child fd number → parent fd number
 * @param newSession start the child in a new session (setsid), detached from our terminal and process group
 * @param cwd working directory of the child, or null to inherit
 */
public record SpawnRequest(
    String path, List<String> argv, List<String> env, Map<Integer, Integer> fds, boolean newSession, String cwd) {
  public SpawnRequest {
    Objects.requireNonNull(path, "path");
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    fds = Map.copyOf(fds);
  }

  /** A child that shares our stdin, stdout and stderr and nothing else. */
  public static SpawnRequest withStdio(String path, List<String> argv, List<String> env) {
    return new SpawnRequest(path, argv, env, Map.of(0, 0, 1, 1, 2, 2), false, null);
  }
}
