package dev.bramble.runtime.cli;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.container.CreateRequest;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.GateDowngrades;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The options runc's create and run share. */
final class CreateOptions {
  static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.value("-b, --bundle", "DIR",
          "path to the root of the bundle directory (default: the current directory)"),
      OptionSpec.value("--pid-file", "FILE", "write the container init's host pid to FILE"),
      OptionSpec.value("--console-socket", "PATH", "unix socket to receive the pty master of a terminal container"),
      OptionSpec.flag("--no-pivot", "move the rootfs over / and chroot instead of pivot_root"),
      OptionSpec.flag("--no-new-keyring", "keep the caller's session keyring instead of a new one"),
      OptionSpec.value("--preserve-fds", "N", "pass fds 3 .. 3+N-1 on to the container"),
      OptionSpec.commaList(GateDowngrades.FLAG, "GATE[,GATE]",
          "downgrade these create-time gates from failure to warning (see 'bramble check')"));

  final Path bundle;
  final Path pidFile;
  final Path consoleSocket;
  final boolean noPivot;
  final boolean noNewKeyring;
  final int preserveFds;
  final List<String> gateWarn;

  CreateOptions(Arguments args) {
    bundle = args.path("bundle").orElse(null);
    pidFile = args.path("pid-file").orElse(null);
    consoleSocket = args.path("console-socket").orElse(null);
    noPivot = args.flag("no-pivot");
    noNewKeyring = args.flag("no-new-keyring");
    preserveFds = args.intValue("preserve-fds").orElse(0);
    gateWarn = args.values("gate-warn");
  }

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
