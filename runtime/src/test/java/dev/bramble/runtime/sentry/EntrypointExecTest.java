package dev.bramble.runtime.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bramble.runtime.linux.Errno;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntrypointExecTest {
  /** A tracee whose execve succeeds only for the paths in {@code results} mapped to 0. */
  private static RemoteSyscalls tracee(Map<String, Integer> results, List<String> tried) {
    return (RemoteSyscalls) Proxy.newProxyInstance(RemoteSyscalls.class.getClassLoader(),
        new Class<?>[] {RemoteSyscalls.class}, (p, m, args) -> {
          if (!m.getName().equals("execve")) {
            throw new UnsupportedOperationException(m.getName());
          }
          tried.add((String) args[0]);
          return results.getOrDefault((String) args[0], Errno.ENOENT);
        });
  }

  @Test
  void searchesThePathFromTheProcessEnvironmentInOrder() {
    List<String> tried = new ArrayList<>();
    EntrypointExec.exec(tracee(Map.of("/b/app", 0), tried), List.of("app"), List.of("PATH=/a:/b:/c"));
    assertEquals(List.of("/a/app", "/b/app"), tried);
  }

  @Test
  void aNameWithASlashIsExecutedAsIs() {
    List<String> tried = new ArrayList<>();
    EntrypointExec.exec(tracee(Map.of("./run.sh", 0), tried), List.of("./run.sh"), List.of());
    assertEquals(List.of("./run.sh"), tried);
  }

  @Test
  void reportsLikeRunc() {
    EntrypointExec.ExecFailed notFound = assertThrows(EntrypointExec.ExecFailed.class,
        () -> EntrypointExec.exec(tracee(Map.of(), new ArrayList<>()), List.of("nope"), List.of("PATH=/bin")));
    assertEquals("exec: \"nope\": executable file not found in $PATH", notFound.getMessage());
    EntrypointExec.ExecFailed denied = assertThrows(EntrypointExec.ExecFailed.class,
        () -> EntrypointExec.exec(tracee(Map.of("/bin/x", Errno.EACCES), new ArrayList<>()), List.of("x"),
            List.of("PATH=/usr/bin:/bin")));
    assertEquals("exec: \"x\": EACCES (permission denied)", denied.getMessage());
  }

  @Test
  void withoutPathTheUsualDirectoriesAreSearched() {
    assertEquals("/usr/local/sbin/sh", EntrypointExec.candidates("sh", List.of("HOME=/")).get(0));
    assertEquals(6, EntrypointExec.candidates("sh", List.of()).size());
  }
}
