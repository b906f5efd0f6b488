package dev.bramble.runtime.cli;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.Remedies;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * runc's global flags, given before the verb ({@code bramble --root /run/x --log log.json --log-format json create
 * ...}). containerd, podman and docker build these from runc's flag list, so every one of runc's globals parses:
 * {@code --debug}, {@code --log}, {@code --log-format}, {@code --root}, {@code --systemd-cgroup}, {@code --rootless},
 * and the hidden, ignored {@code --criu PATH} (still passed by containerd 1.6's go-runc when a criu path is
 * configured; runc ignored it from 1.1 and removed it in 1.4). bramble adds {@code --strace} (runsc's flag: log
 * every syscall the sentry traps). Any other option is a usage error.
 *
 * <p>One instance per process, owned by {@link CommandContext} and filled in by picocli; commands only read it.
 */
public final class GlobalOptions {
  public static final String DEFAULT_ROOT = "/run/bramble";

  // Defaults are field initialisers, not picocli defaultValue: a usage error must still find a usable log format.
  @Option(names = "--root", paramLabel = "DIR",
      description = "root directory for storage of container state (should be on tmpfs; default: ${DEFAULT-VALUE})")
  private String root = DEFAULT_ROOT;

  @Option(names = "--log", paramLabel = "FILE",
      description = "append log lines to FILE instead of stderr (created with mode 0644 if missing)")
  private Path log;

  @Option(names = "--log-format", paramLabel = "FORMAT", converter = LogFormatConverter.class,
      description = "log line format: text (default) or json")
  private LogFormat logFormat = LogFormat.TEXT;

  // Go's flag package also takes --debug=false; picocli needs arity 0..1 for that
  @Option(names = "--debug", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "enable debug logging (and stack traces of failures)")
  private boolean debug;

  @Option(names = "--strace", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "log every syscall the sentry traps, with decoded arguments and result (like runsc --strace)")
  private boolean strace;

  @Option(names = "--systemd-cgroup", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "expect cgroupsPath in the systemd form \"slice:prefix:name\"")
  private boolean systemdCgroup;

  @Option(names = "--rootless", paramLabel = "true|false|auto", converter = RootlessMode.Converter.class,
      description = "rootless mode; only false and auto (default) are supported so far")
  private RootlessMode rootless = RootlessMode.AUTO;

  @Option(names = "--criu", paramLabel = "PATH", hidden = true, description = "ignored (accepted for runc callers)")
  private String criu;

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

  /** picocli glue for {@code --log-format}, reporting runc's wording on a bad value. */
  static final class LogFormatConverter implements ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
