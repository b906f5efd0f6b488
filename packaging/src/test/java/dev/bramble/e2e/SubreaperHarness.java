package dev.bramble.e2e;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.WaitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plays containerd's runc shim: a child subreaper that runs {@code bramble create} and {@code start}, then expects to
 * reap the container's init itself. Prints "reaped PID STATUS" and exits 0 when waitpid(init) succeeds.
 * Arguments: bramble-binary root bundle id.
 */
public final class SubreaperHarness {
  public static void main(String[] args) throws Exception {
    LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
    kernel.setChildSubreaper();
    String bramble = args[0], root = args[1], bundle = args[2], id = args[3];
    Path pidFile = Files.createTempFile("init", ".pid");
    run(bramble, "--root", root, "create", "--bundle", bundle, "--pid-file", pidFile.toString(), id);
    run(bramble, "--root", root, "start", id);
    int init = Integer.parseInt(Files.readString(pidFile).trim());
    run(bramble, "--root", root, "kill", id, "KILL");
    WaitStatus status = kernel.waitpid(init, 0);
    System.out.println("reaped " + status.pid() + " " + status.shellStatus());
    run(bramble, "--root", root, "delete", id);
    System.exit(status.pid() == init ? 0 : 1);
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      System.out.println("failed: " + String.join(" ", cmd));
      System.exit(2);
    }
  }
}
