package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import dev.bramble.runtime.error.Remedies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/** {@code bramble spec}: writes a starter config.json into the bundle, like {@code runc spec}; never overwrites. */
final class SpecCommand implements Callable<Integer> {
  static final String CONFIG_FILE = "config.json";

  static final CommandSpec SPEC = CommandSpec.builder("spec",
          "create a new specification file (config.json) in the bundle directory")
      .description("The file is a starter: it runs \"sh\" in the bundle's rootfs/ with a terminal. Edit "
          + "process.args (and set process.terminal to false when no terminal is attached) before running it.")
      .option(OptionSpec.value("-b, --bundle", "DIR",
          "path to the root of the bundle directory (default: the current directory)"))
      .option(OptionSpec.flag("--rootless", "generate a configuration for a rootless container"))
      .build();

  private final CommandContext context;
  final Path bundle;
  final boolean rootless;

  SpecCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.bundle = args.path("bundle").orElse(null);
    this.rootless = args.flag("rootless");
  }

  /** The {@code --bundle} given, or null for the working directory. */
  Path bundle() {
    return bundle;
  }

  @Override
  public Integer call() {
    Path directory = (bundle == null ? Path.of("") : bundle).toAbsolutePath().normalize();
    Path config = directory.resolve(CONFIG_FILE);
    String json = SpecWriter.toJson(DefaultSpec.create(rootless));
    try {
      // CREATE_NEW is O_EXCL: refuses an existing file (or a symlink planted there) without a check-then-write race
      Files.writeString(config, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new BrambleException("spec: bundle " + directory + ": File " + CONFIG_FILE + " exists. "
          + Remedies.REMOVE_EXISTING_CONFIG, e);
    } catch (NoSuchFileException e) {
      throw BrambleException.of("spec: write", config, "the bundle directory does not exist",
          Remedies.WRITABLE_BUNDLE, e);
    } catch (IOException e) {
      throw BrambleException.of("spec: write", config, IoReasons.describe(e), Remedies.WRITABLE_BUNDLE, e);
    }
    if (context.logger().isDebugEnabled()) {
      context.logger().debug("wrote " + (rootless ? "rootless " : "") + "default spec to " + config);
    }
    return 0;
  }
}
