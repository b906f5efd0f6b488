package dev.bramble.runtime.cli;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.Remedies;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import java.nio.file.Path;
import java.util.Optional;

/**
 * runc's global flags, given before the verb ({@code bramble --root /run/x --log log.json --log-format json create
 * ...}). containerd, podman and docker build these from runc's flag list, so every one of runc's globals parses:
 * {@code --debug}, {@code --log}, {@code --log-format}, {@code --root}, {@code --systemd-cgroup}, {@code --rootless},
 * and the hidden, ignored {@code --criu PATH} (still passed by containerd 1.6's go-runc when a criu path is
 * configured; runc ignored it from 1.1 and removed it in 1.4). bramble adds {@code --strace} (runsc's flag: log
 * every syscall the sentry traps). Any other option is a usage error.
 *
 * <p>One instance per process, owned by {@link CommandContext} and filled in by {@link Main}; commands only read it.
 */
public final class GlobalOptions {
  public static final String DEFAULT_ROOT = "/run/bramble";

  /** {@code bramble} itself: the globals, then the verb and its arguments. */
  static final CommandSpec SPEC = CommandSpec.builder(Main.PROGRAM,
          "bramble - a sandboxed, runc-compatible OCI container runtime")
      .optionsOnlyBeforeArguments() // the globals end at the verb
      .description("Runs OCI bundles (a directory with config.json and a root filesystem) with every container "
          + "process under a ptrace sentry that filters its system calls. Accepts runc's command line, so "
          + "containerd, podman and docker can use it in place of runc.")
      .option(OptionSpec.value("--root", "DIR",
          "root directory for storage of container state (should be on tmpfs; default: " + DEFAULT_ROOT + ")"))
      .option(OptionSpec.value("--log", "FILE",
          "append log lines to FILE instead of stderr (created with mode 0644 if missing)"))
      .option(OptionSpec.value("--log-format", "FORMAT", "log line format: text (default) or json"))
      .option(OptionSpec.flag("--debug", "enable debug logging (and stack traces of failures)"))
      .option(OptionSpec.flag("--strace",
          "log every syscall the sentry traps, with decoded arguments and result (like runsc --strace)"))
      .option(OptionSpec.flag("--systemd-cgroup", "expect cgroupsPath in the systemd form \"slice:prefix:name\""))
      .option(OptionSpec.value("--rootless", "true|false|auto",
          "rootless mode; only false and auto (default) are supported so far"))
      .option(OptionSpec.value("--criu", "PATH", "ignored (accepted for runc callers)").hide())
      .option(OptionSpec.flag("-v, --version", "print the version and exit"))
      .optional("COMMAND", "the command to run")
      .rest("ARGS", "its options and arguments")
      .build();

  // Defaults are usable before parsing: a usage error must still find a log format.
  private String root = DEFAULT_ROOT;
  private Path log;
  private LogFormat logFormat = LogFormat.TEXT;
  private boolean debug;
  private boolean strace;
  private boolean systemdCgroup;
  private RootlessMode rootless = RootlessMode.AUTO;
  private String criu;

  /**
   * Takes the values of the parsed globals. Every usable value is kept even when another is wrong, which is then
   * a {@link UsageException} (runc's wording for {@code --log-format}).
   */
  void apply(Arguments globals) {
    root = globals.value("root", DEFAULT_ROOT);
    log = globals.path("log").orElse(null);
    debug = globals.flag("debug");
    strace = globals.flag("strace");
    systemdCgroup = globals.flag("systemd-cgroup");
    criu = globals.value("criu").orElse(null);
    UsageException wrong = null;
    try {
      logFormat = LogFormat.parse(globals.value("log-format", LogFormat.TEXT.text()));
    } catch (IllegalArgumentException e) {
      wrong = new UsageException(e.getMessage());
    }
    try {
      rootless = globals.value("rootless").map(RootlessMode::parse).orElse(RootlessMode.AUTO);
    } catch (IllegalArgumentException e) {
      wrong = wrong != null ? wrong : new UsageException(e.getMessage());
    }
    if (wrong != null) {
      throw wrong;
    }
  }

  /** The state root as an absolute path (runc makes it absolute too, so the state dir does not depend on cwd). */
  public Path root() {
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** The {@code --log} file, if given. */
  public Optional<Path> log() {
    return Optional.ofNullable(log);
  }

  public LogFormat logFormat() {
    return logFormat;
  }

  public boolean debug() {
    return debug;
  }

  /** {@code --strace}: containers created by this command log every trapped syscall. */
  public boolean strace() {
    return strace;
  }

  public boolean systemdCgroup() {
    return systemdCgroup;
  }

  public RootlessMode rootless() {
    return rootless;
  }

  /** The ignored {@code --criu} value, kept only so a debug line can mention it. */
  public Optional<String> criu() {
    return Optional.ofNullable(criu);
  }

  /**
   * Refuses global settings bramble cannot honour yet, before any verb does work (fail closed rather than run a
   * container in a mode the caller did not ask for).
   */
  void validate(Logger logger) {
    if (root.isEmpty()) {
      throw BrambleException.of("--root", "", "the state root must not be empty",
          "pass a directory such as " + DEFAULT_ROOT);
    }
    if (rootless == RootlessMode.TRUE) {
      throw new BrambleException(
          "rootless mode is not supported yet (--rootless=true); " + Remedies.ROOTLESS_NOT_SUPPORTED);
    }
    if (criu != null && logger.isDebugEnabled()) {
      logger.debug("ignoring --criu " + criu + ": bramble does not checkpoint or restore containers");
    }
  }
}
