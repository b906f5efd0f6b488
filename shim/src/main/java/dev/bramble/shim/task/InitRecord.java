package dev.bramble.shim.task;

import dev.bramble.runtime.container.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <bundle>/init.pid}: the init's pid and start time, written at Create so that the {@code delete}
 * subcommand — run without the daemon, possibly after it crashed — can find and kill exactly that process and not
 * a recycled pid (shared/reference/containerd-shim.md pitfall 11).
 */
public record InitRecord(int pid, long startTime) {
  public static final String FILE = "init.pid";

  static void write(Path bundle, int pid) {
    long start = ProcessTable.host().startTime(pid);
    Path tmp = bundle.resolve("." + FILE);
    try {
      Files.writeString(tmp, pid + " " + start + "\n");
      Files.move(tmp, bundle.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("write " + bundle.resolve(FILE), e);
    }
  }

  public static Optional<InitRecord> read(Path bundle) {
    try {
      String[] words = Files.readString(bundle.resolve(FILE)).trim().split("\\s+");
      return Optional.of(new InitRecord(Integer.parseInt(words[0]), words.length > 1 ? Long.parseLong(words[1]) : 0));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public boolean alive() {
    return ProcessTable.host().alive(pid, startTime);
  }
}
