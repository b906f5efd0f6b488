package dev.bramble.runtime.cli;

import dev.bramble.oci.io.DocumentReader;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.LinuxCapabilities;
import dev.bramble.oci.spec.Process;
import dev.bramble.oci.spec.User;
import dev.bramble.runtime.container.ContainerExec;
import dev.bramble.runtime.container.ExecRequest;
import dev.bramble.runtime.container.StateStore;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.LinuxKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bramble exec ID CMD...}: run another process in a running container; its exit status is ours. */
@Command(name = "exec", description = "run a process in a running container")
final class ExecCommand implements Callable<Integer> {
  private final CommandContext context;

  @Option(names = {"-p", "--process"}, paramLabel = "FILE", description = "process.json (an OCI process) to run")
  Path processFile;

  @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "add an environment variable")
  List<String> env = new ArrayList<>();

  @Option(names = "--cwd", paramLabel = "DIR", description = "working directory inside the container")
  String cwd;

  @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]", description = "user (and group) ids")
  String user;

  @Option(names = {"-g", "--additional-gids"}, paramLabel = "GID", description = "additional group ids")
  List<Long> additionalGids = new ArrayList<>();

  @Option(names = {"-c", "--cap"}, paramLabel = "CAP", description = "add a capability to the process")
  List<String> caps = new ArrayList<>();

  @Option(names = "--no-new-privs", description = "set no_new_privs for the process")
  boolean noNewPrivs;

  @Option(names = {"-t", "--tty"}, description = "allocate a pseudo-TTY (with --console-socket)")
  boolean tty;

  @Option(names = "--console-socket", paramLabel = "PATH", description = "receives the pty master with --tty")
  Path consoleSocket;

  @Option(names = {"-d", "--detach"}, description = "do not wait for the process")
  boolean detach;

  @Option(names = "--pid-file", paramLabel = "FILE", description = "write the process's host pid to FILE")
  Path pidFile;

  @Option(names = "--apparmor", paramLabel = "PROFILE", hidden = true, description = "accepted like runc")
  String apparmor;

  @Option(names = "--process-label", paramLabel = "LABEL", hidden = true, description = "accepted like runc")
  String processLabel;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "the command and its arguments")
  List<String> command = new ArrayList<>();

  ExecCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StateStore store = Lifecycle.store(context);
    ExecRequest request = new ExecRequest(id, process(store), detach, Optional.ofNullable(pidFile),
        Optional.ofNullable(consoleSocket));
    return new ContainerExec(context.service(LinuxKernel.class), store, Lifecycle.ops(context))
        .exec(request, new JvmSignalForwarding());
  }

  /** runc's newProcess: --process as given, or the container's own process with these flags applied. */
  Process process(StateStore store) {
    try {
      if (processFile != null) {
        return DocumentReader.read(processFile, Process.class);
      }
      Process base = SpecReader.read(store.file(id, "config.json"), SpecReader.Validation.TYPES_ONLY).process();
      Process p = base.withArgs(command).withTerminal(tty);
      if (!env.isEmpty()) {
        List<String> merged = new ArrayList<>(base.env() == null ? List.of() : base.env());
        merged.addAll(env);
        p = p.withEnv(merged);
      }
      if (cwd != null) {
        p = p.withCwd(cwd);
      }
      if (noNewPrivs) {
        p = p.withNoNewPrivileges(true);
      }
      if (user != null || !additionalGids.isEmpty()) {
        p = p.withUser(user(base.user()));
      }
      if (!caps.isEmpty()) {
        p = p.withCapabilities(withCaps(base.capabilities()));
      }
      return p;
    } catch (SpecException e) {
      throw new BrambleException("exec " + id + ": " + e.getMessage(), e);
    } catch (BrambleException e) {
      throw e;
    }
  }

  private User user(User base) {
    User u = base == null ? new User(0L, 0L, null, null, null) : base;
    if (user != null) {
      String[] parts = user.split(":", 2);
      try {
        u = u.withUid(Long.parseLong(parts[0]));
        if (parts.length == 2) {
          u = u.withGid(Long.parseLong(parts[1]));
        }
      } catch (NumberFormatException e) {
        throw new BrambleException("exec " + id + ": --user \"" + user + "\" is not UID[:GID]; names are not "
            + "resolved, pass numbers");
      }
    }
    if (!additionalGids.isEmpty()) {
      u = u.withAdditionalGids(additionalGids);
    }
    return u;
  }

  private LinuxCapabilities withCaps(LinuxCapabilities base) {
    LinuxCapabilities c = base == null ? new LinuxCapabilities(null, null, null, null, null) : base;
    return c.withBounding(plus(c.bounding())).withEffective(plus(c.effective()))
        .withPermitted(plus(c.permitted())).withInheritable(plus(c.inheritable()))
        .withAmbient(plus(c.ambient()));
  }

  private List<String> plus(List<String> list) {
    List<String> out = new ArrayList<>(list == null ? List.of() : list);
    caps.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }
}
