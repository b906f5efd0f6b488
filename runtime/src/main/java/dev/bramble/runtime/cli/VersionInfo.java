package dev.bramble.runtime.cli;

import dev.bramble.oci.spec.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The version lines of {@code bramble --version} and {@code bramble version}, shaped like runc's so scripts that read
 * {@code spec: } keep working: {@code bramble version X}, {@code spec: Y}, {@code java: Z}.
 */
final class VersionInfo {
  private static final String RESOURCE = "/dev/bramble/runtime/version.properties";

  private VersionInfo() {}

  /** bramble's own version, filtered into the jar at build time. */
  static String brambleVersion() {
    try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("read " + RESOURCE, e);
    }
  }

  /** The OCI runtime-spec version bramble writes and the newest it reads. */
  static String specVersion() {
    return SpecVersion.CURRENT;
  }


  /** The lines {@code --version}, {@code -v} and {@code version} print. */
  static List<String> lines() {
    return List.of(
        "bramble version " + brambleVersion(),
        "spec: " + specVersion(),
        "java: " + Runtime.version());
  }
}
