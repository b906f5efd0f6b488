package dev.bramble.runtime.container;

import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.validation.SpecProblem;
import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.error.BrambleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads, validates and translates a bundle's config.json, turning every problem into one clear error. */
public final class BundleLoader {
  private final ConfigTranslator translator;

  public BundleLoader(ConfigTranslator translator) {
    this.translator = translator;
  }

  public record Loaded(Spec spec, ContainerConfig config) {}

  /** Translates the config snapshot a create stored, against the bundle it came from. */
  public ContainerConfig loadSnapshot(String id, Path bundle, Path snapshot, ContainerConfig.LaunchOptions launch) {
    try {
      return translator.translate(id, bundle, SpecReader.read(snapshot, SpecReader.Validation.TYPES_ONLY))
          .withLaunch(launch);
    } catch (SpecException e) {
      throw new BrambleException("read config snapshot " + snapshot + ": " + e.getMessage(), e);
    }
  }

  public Loaded load(String id, Path bundle) {
    return load(id, bundle, ContainerConfig.LaunchOptions.DEFAULT);
  }

  public Loaded load(String id, Path bundle, ContainerConfig.LaunchOptions launch) {
    Path bundleDir = bundle.toAbsolutePath().normalize();
    Path configJson = bundleDir.resolve("config.json");
    if (!Files.isRegularFile(configJson)) {
      throw new BrambleException("create " + id + ": no config.json in bundle " + bundleDir
          + "; run 'bramble spec' in the bundle or pass the right --bundle");
    }
    Spec spec;
    try {
      spec = SpecReader.read(configJson);
    } catch (SpecException e) {
      throw new BrambleException("create " + id + ": " + configJson + " is invalid: " + e.problems().stream()
          .map(SpecProblem::toString).collect(Collectors.joining("; ")), e);
    }
    try {
      ContainerConfig config = translator.translate(id, bundleDir, spec).withLaunch(launch);
      SecurityModules.check(config);
      return new Loaded(spec, config);
    } catch (ConfigException e) {
      throw new BrambleException("create " + id + ": " + configJson + ": " + e.getMessage(), e);
    }
  }
}
