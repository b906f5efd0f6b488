package dev.bramble.runtime.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.Hook;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.NamespaceType;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks run as real processes (no root needed): argv, env, stdin, exit status, timeout. */
class HookRunnerTest {
  @TempDir Path dir;
  private final HookRunner runner = new HookRunner(new JnaLinuxKernel(Arch.host().syscalls()));
  private static final byte[] STATE = "{\"id\":\"c1\",\"status\":\"creating\"}".getBytes(StandardCharsets.UTF_8);

  private Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void theHookGetsItsArgvEnvAndTheStateOnStdin() throws IOException {
    Path out = dir.resolve("out");
    Path hook = script("h", "echo \"$0|$1|$2|$GREETING|$HOME\" > " + out + "; cat >> " + out);

    runner.run("hooks.createRuntime[0]", new Hook(hook.toString(), List.of("my-hook", "a", "b"),
        List.of("GREETING=hi"), null), STATE, HookTarget.RUNTIME, dir);

    assertEquals(hook + "|a|b|hi|\n" + new String(STATE, StandardCharsets.UTF_8), Files.readString(out),
        "a script sees its own path as $0; env is exactly the hook's (no HOME from the runtime)");
  }

  @Test
  void withoutEnvTheHookInheritsTheRuntimesEnvironmentAsWithRunc() throws IOException {
    Path out = dir.resolve("out");
    Path hook = script("h", "echo \"$PATH\" > " + out);

    runner.run("hooks.poststop[0]", new Hook(hook.toString(), null, null, null), STATE, HookTarget.RUNTIME, dir);

    assertEquals(System.getenv("PATH") + "\n", Files.readString(out));
  }

  @Test
  void aFailingHookIsReportedWithItsPlaceStatusAndOutput() throws IOException {
    Path hook = script("h", "echo on-stdout; echo broken >&2; exit 3");

    HookException e = assertThrows(HookException.class, () -> runner.run("hooks.prestart[1]",
        new Hook(hook.toString(), null, null, null), STATE, HookTarget.RUNTIME, dir));

    assertTrue(e.getMessage().startsWith("hooks.prestart[1] (" + hook + ") failed: exit status 3"), e.getMessage());
    assertTrue(e.getMessage().contains("stdout: on-stdout; stderr: broken"), e.getMessage());
  }

  @Test
  void aHookPastItsTimeoutIsKilledWithEverythingItStarted() throws IOException {
    Path pidFile = dir.resolve("child");
    Path hook = script("h", "sleep 60 & echo $! > " + pidFile + "; wait");

    long start = System.nanoTime();
    HookException e = assertThrows(HookException.class, () -> runner.run("hooks.createContainer[0]",
        new Hook(hook.toString(), null, null, 1), STATE, HookTarget.RUNTIME, dir));

    assertTrue(e.getMessage().contains("did not finish within its timeout of 1s"), e.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
    long child = Long.parseLong(Files.readString(pidFile).trim());
    for (int i = 0; i < 100 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }
    assertTrue(ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), "the hook's child was killed too");
  }

  @Test
  void aHookThatNeverReadsItsStdinAndForksADaemonDoesNotBlock() throws IOException {
    Path hook = script("h", "(sleep 2 >/dev/null 2>&1 &) ; exit 0");
    byte[] big = new byte[1 << 20];
    java.util.Arrays.fill(big, (byte) 'x');
    long start = System.nanoTime();
    runner.run("hooks.poststart[0]", new Hook(hook.toString(), null, null, null), big, HookTarget.RUNTIME, dir);
    assertTrue(System.nanoTime() - start < 1_500_000_000L, "returned without waiting for the daemon");
  }

  @Test
  void aRelativePathOrAMissingProgramIsAClearError() {
    HookException relative = assertThrows(HookException.class, () -> runner.run("hooks.prestart[0]",
        new Hook("bin/hook", null, null, null), STATE, HookTarget.RUNTIME, dir));
    assertTrue(relative.getMessage().contains("is not an absolute path"), relative.getMessage());
    HookException missing = assertThrows(HookException.class, () -> runner.run("hooks.prestart[0]",
        new Hook(dir.resolve("nope").toString(), null, null, null), STATE, HookTarget.RUNTIME, dir));
    assertTrue(missing.getMessage().contains("hooks.prestart[0]"), missing.getMessage());
  }

  @Test
  void containerHooksGoThroughNsenterWithTheInitsNamespaces() {
    HookTarget t = new HookTarget(42, Set.of(NamespaceType.PID, NamespaceType.MOUNT, NamespaceType.USER), true);
    assertEquals(List.of("--target", "42", "--user", "--mount", "--pid", "--root", "--wd"), t.nsenterOptions());
    HookTarget beforePivot = new HookTarget(42, Set.of(NamespaceType.NETWORK), false);
    assertEquals(List.of("--target", "42", "--net"), beforePivot.nsenterOptions());
  }

  @Test
  void aMissingNsenterIsExplained() {
    HookRunner noNsenter = new HookRunner(new JnaLinuxKernel(Arch.host().syscalls()), "/nonexistent/nsenter");
    HookException e = assertThrows(HookException.class, () -> noNsenter.run("hooks.startContainer[0]",
        new Hook("/bin/true", null, null, null), STATE, new HookTarget(1, Set.of(NamespaceType.MOUNT), true), dir));
    assertTrue(e.getMessage().contains("install util-linux"), e.getMessage());
  }
}
