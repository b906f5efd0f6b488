package dev.bramble.runtime.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the file the kernel will load for {@code process.args[0]} inside a rootfs, the way execve will: a name
 * without {@code /} is searched in the {@code PATH} of {@code process.env} (as runc does), {@code #!} scripts lead to
 * their interpreter, and an ELF's PT_INTERP loader must exist too. All lookups stay inside the rootfs
 * ({@link RootfsResolver}).
 */
public final class EntrypointResolver {
  /** binfmt_script reads at most this much of the first line (BINPRM_BUF_SIZE). */
  static final int BINPRM_BUF_SIZE = 256;
  /** How many nested {@code #!} interpreters the kernel follows before ELOOP. */
  static final int MAX_INTERPRETER_DEPTH = 4;

  private final RootfsResolver resolver;

  public EntrypointResolver(Path rootfs) {
    this.resolver = new RootfsResolver(rootfs);
  }

  /**
   * @param args {@code process.args}
   * @param env {@code process.env} ("NAME=value" entries; the last PATH wins, as in runc)
   * @param cwd {@code process.cwd}, a container path
   */
  public Entrypoint resolve(List<String> args, List<String> env, String cwd) throws EntrypointException {
    if (args == null || args.isEmpty()) {
      throw new EntrypointException("process.args is empty: there is no program to execute");
    }
    String requested = args.get(0);
    if (requested == null || requested.isEmpty()) {
      throw new EntrypointException("process.args[0] is empty: there is no program to execute");
    }
    String directory = cwd == null || cwd.isEmpty() ? "/" : cwd;
    List<RootfsPath> chain = new ArrayList<>();
    RootfsPath current = requested.contains("/") ? locate(directory, requested) : searchPath(requested, env, directory);
    for (int depth = 0; ; depth++) {
      chain.add(current);
      requireExecutable(current, chain.size() == 1 ? "process.args[0] '" + requested + "'" : "interpreter");
      byte[] head = head(current);
      int length = head.length;
      if (ElfReader.hasElfMagic(head, length)) {
        ElfFile elf = readElf(current);
        return withLoader(requested, chain, elf, directory);
      }
      if (length >= 2 && head[0] == '#' && head[1] == '!') {
        if (depth >= MAX_INTERPRETER_DEPTH) {
          throw new EntrypointException(
              describeChain(chain) + ": more than " + MAX_INTERPRETER_DEPTH
                  + " nested #! interpreters; the kernel would fail with 'too many levels of symbolic links'");
        }
        String interpreter = scriptInterpreter(current, head, length);
        current = locate(directory, interpreter, describeChain(chain) + " names #!" + interpreter + ", but ");
        continue;
      }
      throw new EntrypointException(
          describeChain(chain) + " is neither an ELF binary nor a #! script"
              + (length == 0 ? " (the file is empty)" : "")
              + "; the kernel would fail with 'exec format error'");
    }
  }

  private RootfsPath searchPath(String name, List<String> env, String cwd) throws EntrypointException {
    Optional<String> path = lastValue(env, "PATH");
    if (path.isEmpty()) {
      throw new EntrypointException(
          "process.args[0] '" + name + "' has no '/' and process.env sets no PATH to search; write the full path"
              + " (e.g. /bin/" + name + ") or add PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
              + " to process.env");
    }
    List<String> problems = new ArrayList<>();
    for (String directory : path.get().split(":", -1)) {
      String dir = directory.isEmpty() ? "." : directory;
      try {
        RootfsPath candidate = resolver.resolve(cwd, dir + "/" + name);
        if (isRegularExecutable(candidate)) {
          return candidate;
        }
        problems.add(candidate.containerPath() + " is not an executable file");
      } catch (RootfsPathException e) {
        if (e.kind() != RootfsPathException.Kind.NOT_FOUND) {
          problems.add(e.getMessage());
        }
      }
    }
    throw new EntrypointException(
        "process.args[0] '" + name + "' was not found in the rootfs along PATH=" + path.get()
            + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
  }

  private RootfsPath locate(String cwd, String path) throws EntrypointException {
    return locate(cwd, path, "process.args[0] ");
  }

  private RootfsPath locate(String cwd, String path, String prefix) throws EntrypointException {
    try {
      return resolver.resolve(cwd, path);
    } catch (RootfsPathException e) {
      throw new EntrypointException(prefix + e.getMessage() + " in the rootfs");
    }
  }

  private Entrypoint withLoader(String requested, List<RootfsPath> chain, ElfFile elf, String cwd) {
    if (elf.interpreter().isEmpty()) {
      return new Entrypoint(requested, chain, elf, Optional.empty(), Optional.empty());
    }
    String interp = elf.interpreter().get();
    String owner = chain.get(chain.size() - 1).containerPath();
    try {
      RootfsPath loader = resolver.resolve(cwd, interp);
      ElfFile loaderElf = ElfReader.read(loader.hostPath(), loader.containerPath());
      return new Entrypoint(
          requested, chain, elf, Optional.of(new Entrypoint.Loader(loader, loaderElf)), Optional.empty());
    } catch (RootfsPathException e) {
      return new Entrypoint(requested, chain, elf, Optional.empty(), Optional.of(
          owner + " needs the dynamic loader " + interp + " (PT_INTERP), but " + e.getMessage()
              + " in the rootfs; the kernel would report 'no such file or directory' for " + owner + " itself"));
    } catch (IOException e) {
      return new Entrypoint(requested, chain, elf, Optional.empty(), Optional.of(
          owner + " needs the dynamic loader " + interp + " (PT_INTERP), which cannot be loaded: "
              + e.getMessage()));
    }
  }

  private static void requireExecutable(RootfsPath file, String what) throws EntrypointException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file.hostPath(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new EntrypointException(what + " " + file.containerPath() + " cannot be read: " + e);
    }
    if (attributes.isDirectory()) {
      throw new EntrypointException(what + " " + file.containerPath() + " is a directory, not a program");
    }
    if (!attributes.isRegularFile()) {
      throw new EntrypointException(what + " " + file.containerPath() + " is not a regular file");
    }
    if (!anyExecuteBit(attributes.permissions())) {
      throw new EntrypointException(
          what + " " + file.containerPath() + " is not executable (no x bit in its mode); the kernel would fail"
              + " with 'permission denied'");
    }
  }

  private static boolean isRegularExecutable(RootfsPath file) {
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(file.hostPath(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() && anyExecuteBit(attributes.permissions());
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean anyExecuteBit(Set<PosixFilePermission> permissions) {
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
        || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
  }

  private static byte[] head(RootfsPath file) throws EntrypointException {
    try (InputStream in = Files.newInputStream(file.hostPath(), LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(BINPRM_BUF_SIZE);
    } catch (IOException e) {
      throw new EntrypointException(file.containerPath() + " cannot be read: " + e);
    }
  }

  private static ElfFile readElf(RootfsPath file) throws EntrypointException {
    try {
      return ElfReader.read(file.hostPath(), file.containerPath());
    } catch (IOException e) {
      throw new EntrypointException(
          "broken ELF file: " + e.getMessage() + "; the kernel would fail with 'exec format error'");
    }
  }

  /** The interpreter path of a {@code #!} line, parsed like binfmt_script: blanks skipped, ends at a blank. */
  private static String scriptInterpreter(RootfsPath script, byte[] head, int length) throws EntrypointException {
    int end = 2;
    while (end < length && head[end] != '\n') {
      end++;
    }
    if (end == length && length == BINPRM_BUF_SIZE) {
      throw new EntrypointException(
          script.containerPath() + ": the #! line is longer than " + BINPRM_BUF_SIZE
              + " bytes; the kernel would fail with 'exec format error'");
    }
    String line = new String(head, 2, end - 2, StandardCharsets.UTF_8).strip();
    String interpreter = line.split("[ \\t]", 2)[0];
    if (interpreter.isEmpty()) {
      throw new EntrypointException(
          script.containerPath() + " starts with #! but names no interpreter; the kernel would fail with"
              + " 'exec format error'");
    }
    return interpreter;
  }

  private static Optional<String> lastValue(List<String> env, String name) {
    Optional<String> value = Optional.empty();
    if (env != null) {
      for (String entry : env) {
        if (entry != null && entry.startsWith(name + "=")) {
          value = Optional.of(entry.substring(name.length() + 1));
        }
      }
    }
    return value;
  }

  private static String describeChain(List<RootfsPath> chain) {
    StringBuilder text = new StringBuilder();
    for (RootfsPath step : chain) {
      if (text.length() > 0) {
        text.append(" → ");
      }
      text.append(step.containerPath());
    }
    return text.toString();
  }
}
