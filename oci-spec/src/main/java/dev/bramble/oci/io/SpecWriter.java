package dev.bramble.oci.io;

import dev.bramble.oci.json.JsonTrees;
import dev.bramble.oci.json.RecordTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes OCI documents (config.json, state.json, features) as pretty JSON in the layout runc and
 * Go's MarshalIndent use: two-space indent, absent fields omitted, unknown properties kept.
 */
public final class SpecWriter {
  private SpecWriter() {}

  /** The pretty JSON text of a model record (no trailing newline, like runc). */
  public static String toJson(Object document) {
    return JsonTrees.pretty(RecordTrees.toTree(document));
  }

  /** Writes {@code document} to {@code file} atomically with mode 0644 (like {@code runc spec}). */
  public static void write(Object document, Path file) throws IOException {
    write(document, file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  /**
   * Writes {@code document} to {@code file} atomically, with the given permissions: readers see the
   * old or the new content, never a half-written file (state.json is read concurrently by {@code
   * state} and {@code list}).
   */
  public static void write(Object document, Path file, Set<PosixFilePermission> permissions)
      throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temp =
        Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, toJson(document), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, permissions);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
