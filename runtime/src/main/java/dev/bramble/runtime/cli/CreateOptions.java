package dev.bramble.runtime.cli;

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

  @Option(names = "--no-pivot", description = "use chroot instead of pivot_root (not supported yet)")
  boolean noPivot;

  @Option(names = "--no-new-keyring", description = "do not create a new session keyring (bramble never does)")
  boolean noNewKeyring;

  @Option(names = "--preserve-fds", paramLabel = "N", description = "pass N extra fds (not supported yet)")
  int preserveFds;

  @Option(names = "--gate-warn", paramLabel = "GATE[,GATE]", split = ",",
      description = "downgrade these create-time gates from failure to warning (see 'bramble check')")
  List<String> gateWarn = new ArrayList<>();

  CreateRequest request(String id) {
    if (noPivot) {
      throw new BrambleException("--no-pivot is not supported by bramble yet; leave it out (pivot_root is safer)");
    }
    if (preserveFds > 0) {
      throw new BrambleException("--preserve-fds is not supported by bramble yet; leave it out");
    }
    return new CreateRequest(id, bundle == null ? Path.of("") : bundle, Optional.ofNullable(pidFile),
        Optional.ofNullable(consoleSocket), GateDowngrades.fromFlag(gateWarn));
  }
}
