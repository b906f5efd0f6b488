package dev.bramble.runtime.cli;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.container.CreateRequest;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.GateDowngrades;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options runc's create and run share. */
final class CreateOptions {
  @Option(names = {"-b", "--bundle"}, paramLabel = "DIR",
      description = "path to the root of the bundle directory (default: the current directory)")
  Path bundle;

  @Option(names = "--pid-file", paramLabel = "FILE", description = "write the container init's host pid to FILE")
  Path pidFile;

  @Option(names = "--console-socket", paramLabel = "PATH",
      description = "unix socket to receive the pty master of a terminal container")
  Path consoleSocket;

  @Option(names = "--no-pivot", description = "move the rootfs over / and chroot instead of pivot_root")
  boolean noPivot;

  @Option(names = "--no-new-keyring", description = "keep the caller's session keyring instead of a new one")
  boolean noNewKeyring;

  @Option(names = "--preserve-fds", paramLabel = "N", description = "pass fds 3 .. 3+N-1 on to the container")
  int preserveFds;

  @Option(names = "--gate-warn", paramLabel = "GATE[,GATE]", split = ",",
      description = "downgrade these create-time gates from failure to warning (see 'bramble check')")
  List<String> gateWarn = new ArrayList<>();

  CreateRequest request(String id) {
    if (preserveFds < 0) {
      throw new BrambleException("--preserve-fds " + preserveFds + ": give a number of fds, 0 or more");
    }
    // socket activation as runc does it: fds 3.. handed to us by systemd go to the init, and it is told so
    int listenFds = listenFds(System.getenv("LISTEN_FDS"), System.getenv("LISTEN_PID"), ProcessHandle.current().pid());
    List<String> extraEnv = listenFds > 0 ? List.of("LISTEN_FDS=" + listenFds, "LISTEN_PID=1") : List.of();
    return new CreateRequest(id, bundle == null ? Path.of("") : bundle, Optional.ofNullable(pidFile),
        Optional.ofNullable(consoleSocket), GateDowngrades.fromFlag(gateWarn),
        new ContainerConfig.LaunchOptions(noPivot, noNewKeyring, listenFds + preserveFds, extraEnv));
  }

  /** sd_listen_fds(3): LISTEN_FDS counts only if LISTEN_PID names this process. */
  static int listenFds(String listenFds, String listenPid, long ourPid) {
    if (listenFds == null || listenPid == null || !listenPid.equals(Long.toString(ourPid))) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(listenFds));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
