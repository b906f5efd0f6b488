package dev.bramble.shim.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <bundle>/delete.answer}: the DeleteResponse the daemon sent after it deleted the container itself (init
 * reaped, rootfs unmounted, {@link InitRecord} removed). containerd runs the {@code delete} subcommand after every
 * task teardown anyway (when its connection to the shim closes), and then there is nothing left to clean; the
 * launcher finds this file, sees no {@code init.pid}, and prints the answer without starting a JVM. Any other case
 * (no answer: the daemon died first) takes the JVM path, which cleans up. Create removes a stale answer before
 * anything else, so an answer never outlives the container it speaks for.
 */
public final class DeleteAnswer {
  public static final String FILE = "delete.answer";

  private DeleteAnswer() {}

  /** Written last, atomically, readable by root only: the launcher trusts it only if root owns it. */
  static void write(Path bundle, byte[] response) {
    Path tmp = bundle.resolve("." + FILE);
    try {
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, response);
      Files.move(tmp, bundle.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + bundle.resolve(FILE), e);
    }
  }

  /** Removes a stale answer; failing to is fatal to the create (the launcher would skip its cleanup). */
  static void clear(Path bundle) {
    try {
      Files.deleteIfExists(bundle.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("remove stale " + bundle.resolve(FILE), e);
    }
  }
}
