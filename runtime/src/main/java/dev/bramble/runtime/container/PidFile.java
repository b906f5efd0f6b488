package dev.bramble.runtime.container;

import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** runc's --pid-file: the pid as decimal text, written atomically (readers never see a partial file). */
final class PidFile {
  private PidFile() {}

  static void write(Path file, int pid) {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Integer.toString(pid));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BrambleException("write pid file " + target + ": " + e.getMessage()
          + "; pass a writable path to --pid-file", e);
    }
  }
}
