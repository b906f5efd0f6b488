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

/** {@code bramble exec ID CMD...}: run another process in a running container; its exit status is ours. */
final class ExecCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("exec", "run a process in a running container")
      .optionsOnlyBeforeArguments()
      .option(OptionSpec.value("-p, --process", "FILE", "process.json (an OCI process) to run"))
      .option(OptionSpec.list("-e, --env", "K=V", "add an environment variable"))
      .option(OptionSpec.value("--cwd", "DIR", "working directory inside the container"))
      .option(OptionSpec.value("-u, --user", "UID[:GID]", "user (and group) ids"))
      .option(OptionSpec.list("-g, --additional-gids", "GID", "additional group ids"))
      .option(OptionSpec.list("-c, --cap", "CAP", "add a capability to the process"))
      .option(OptionSpec.flag("--no-new-privs", "set no_new_privs for the process"))
      .option(OptionSpec.flag("-t, --tty", "allocate a pseudo-TTY (with --console-socket)"))
      .option(OptionSpec.value("--console-socket", "PATH", "receives the pty master with --tty"))
      .option(OptionSpec.flag("-d, --detach", "do not wait for the process"))
      .option(OptionSpec.value("--pid-file", "FILE", "write the process's host pid to FILE"))
      .option(OptionSpec.value("--apparmor", "PROFILE", "accepted like runc").hide())
      .option(OptionSpec.value("--process-label", "LABEL", "accepted like runc").hide())
      .required("ID", "the container id")
      .rest("COMMAND", "the command and its arguments")
      .build();

  private final CommandContext context;
  final Path processFile;
  final List<String> env;
  final String cwd;
  final String user;
  final List<Long> additionalGids;
  final List<String> caps;
  final boolean noNewPrivs;
  final boolean tty;
  final Path consoleSocket;
  final boolean detach;
  final Path pidFile;
  final String id;
  final List<String> command;

  ExecCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.processFile = args.path("process").orElse(null);
    this.env = args.values("env");
    this.cwd = args.value("cwd").orElse(null);
    this.user = args.value("user").orElse(null);
    this.additionalGids = args.longValues("additional-gids");
    this.caps = args.values("cap");
    this.noNewPrivs = args.flag("no-new-privs");
    this.tty = args.flag("tty");
    this.consoleSocket = args.path("console-socket").orElse(null);
    this.detach = args.flag("detach");
    this.pidFile = args.path("pid-file").orElse(null);
    this.id = args.param("ID");
    this.command = args.rest("COMMAND");
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
