package dev.bramble.runtime.container;

import dev.bramble.oci.json.JsonTrees;
import dev.bramble.oci.json.RecordTrees;
import dev.bramble.oci.validation.TypeChecker;
import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Container state under {@code --root}: one directory per container holding {@code state.json}, the config
 * snapshot and the sentry's control socket. Creating the directory is the atomic claim on an id, so of two
 * concurrent creates exactly one wins; files are replaced by rename so readers never see half a write.
 */
public final class StateStore {
  /** runc's rule for container ids. */
  private static final Pattern VALID_ID = Pattern.compile("^[\\w+\\-.]+$");
  static final String STATE_FILE = "state.json";
  static final String CONFIG_FILE = "config.json";
  private static final String LOCK_FILE = "lock";

  private final Path root;

  public StateStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path dir(String id) {
    return root.resolve(validId(id));
  }

  public static String validId(String id) {
    if (id == null || id.isEmpty() || id.equals(".") || id.equals("..") || !VALID_ID.matcher(id).matches()) {
      throw new BrambleException("invalid container id \"" + id + "\": use letters, digits and + - . _ only");
    }
    return id;
  }

  /** Claims {@code record.id()}; fails if a container of that id exists. */
  public void create(ContainerRecord record) {
    Path dir = dir(record.id());
    try {
      Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    } catch (FileAlreadyExistsException e) {
      throw new BrambleException("container with id \"" + record.id() + "\" already exists; delete it first or "
          + "choose another id");
    } catch (IOException e) {
      throw new BrambleException("create state directory " + dir + ": " + e.getMessage()
          + "; check that --root (" + root + ") is writable", e);
    }
    save(record);
  }

  public Optional<ContainerRecord> load(String id) {
    Path file = dir(id).resolve(STATE_FILE);
    try {
      TypeChecker.Checked<ContainerRecord> checked =
          TypeChecker.check(JsonTrees.parse(Files.readAllBytes(file), false), ContainerRecord.class);
      if (!checked.problems().isEmpty() || checked.value() == null) {
        throw damaged(id, file, checked.problems().isEmpty() ? "not a JSON object"
            : checked.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
      }
      return Optional.of(checked.value());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      throw damaged(id, file, e.getMessage());
    }
  }

  private BrambleException damaged(String id, Path file, String problem) {
    return new BrambleException("read " + file + ": " + problem + "; the state is damaged: remove the directory "
        + dir(id) + " by hand");
  }

  public ContainerRecord require(String id) {
    return load(id).orElseThrow(() -> new BrambleException("container \"" + id + "\" does not exist"));
  }

  /**
   * A fresh temporary name beside {@code target} for each write: writers in one process (a sentry's control thread
   * recording "running" while its tracer thread records the exit) must not share one, or the second truncates and
   * rewrites the file under the first and a longer record's tail survives the shorter one.
   */
  private static Path tempFor(Path target) {
    return target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
        + TEMP_NAMES.incrementAndGet());
  }

  private static final AtomicLong TEMP_NAMES = new AtomicLong();

  /** Atomically replaces the record; does nothing if the container was deleted meanwhile. */
  public void save(ContainerRecord record) {
    Path dir = dir(record.id());
    Path tmp = tempFor(dir.resolve(STATE_FILE));
    try {
      Files.write(tmp, JsonTrees.bytes(RecordTrees.toTree(record)));
      move(tmp, dir.resolve(STATE_FILE));
    } catch (NoSuchFileException e) {
      // deleted under us (delete --force while the sentry was recording the exit): nothing to keep
    } catch (IOException e) {
      throw new UncheckedIOException("write " + dir.resolve(STATE_FILE), e);
    }
  }

  /** Writes {@code content} into the container's directory atomically. */
  public void writeFile(String id, String name, byte[] content) {
    Path dir = dir(id);
    Path tmp = tempFor(dir.resolve(name));
    try {
      Files.write(tmp, content);
      move(tmp, dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("write " + dir.resolve(name), e);
    }
  }

  public Path file(String id, String name) {
    return dir(id).resolve(name);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Every container under the root, sorted by id; unreadable entries are skipped. */
  public List<ContainerRecord> list() {
    List<ContainerRecord> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path d : dirs) {
        String id = d.getFileName().toString();
        if (VALID_ID.matcher(id).matches()) {
          try {
            load(id).ifPresent(out::add);
          } catch (BrambleException damaged) {
            // list shows what it can read
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("list " + root, e);
    }
    out.sort(Comparator.comparing(ContainerRecord::id));
    return out;
  }

  /** Removes the container's directory and everything in it. */
  public void remove(String id) {
    Path dir = dir(id);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("remove " + dir, e);
    }
  }

  /**
   * An exclusive lock on one container for the duration of a verb (start vs delete vs kill). The sentry never
   * takes it, so a verb may wait for the sentry while holding it.
   */
  public Lock lock(String id) {
    Path file = dir(id).resolve(LOCK_FILE);
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new Lock(channel, channel.lock());
    } catch (NoSuchFileException e) {
      throw new BrambleException("container \"" + id + "\" does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("lock " + file, e);
    }
  }

  /** A held per-container lock. */
  public record Lock(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // releasing cannot meaningfully fail; the kernel drops the lock with the fd
      }
    }
  }
}
