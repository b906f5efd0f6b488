package dev.bramble.runtime.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Materialises a captured host from {@code host-fixtures/<name>/} (see its README.md) into a temp directory: the
 * base chain, the overlays, the removals, and the two text encodings (auxv.txt, *.gz.txt) turned into the binary
 * files the readers parse.
 */
public final class HostFixture {
  private static final String RESOURCES = "/dev/bramble/runtime/host-fixtures/";
  private static final Map<String, Long> AUXV_NAMES = Map.of(
      "AT_NULL", 0L, "AT_PHDR", 3L, "AT_PAGESZ", 6L, "AT_ENTRY", 9L, "AT_HWCAP", 16L, "AT_CLKTCK", 17L,
      "AT_HWCAP2", 26L);

  private final Path root;
  private final Properties properties;

  private HostFixture(Path root, Properties properties) {
    this.root = root;
    this.properties = properties;
  }

  /** Builds fixture {@code name} under {@code dir} (a JUnit @TempDir). */
  public static HostFixture install(String name, Path dir) {
    try {
      Path root = dir.resolve(name + "-root");
      Files.createDirectories(root);
      Properties merged = overlay(name, root);
      encode(root);
      return new HostFixture(root, merged);
    } catch (IOException e) {
      throw new UncheckedIOException("installing host fixture " + name, e);
    }
  }

  public Path root() {
    return root;
  }

  /** The TASK_SIZE the fake probe answers for. */
  public long taskSize() {
    return Long.decode(properties.getProperty("taskSize"));
  }

  /** The fake probe of this fixture, built for its page size. */
  public AddressSpaceProbe probe() {
    long page = Auxv.pageSize(new HostFiles(root)).map(Sourced::value).orElse(4096L);
    return FakeAddressSpaceProbe.withTaskSize(taskSize(), page);
  }

  /** Host facts as bramble reads them from this fixture. */
  public HostFacts facts() {
    return new HostFactsReader(root, Optional.of(probe())).read();
  }

  private static Properties overlay(String name, Path root) throws IOException {
    Path dir = resource(name);
    Properties own = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("fixture.properties"))) {
      own.load(in);
    }
    Properties merged = new Properties();
    String base = own.getProperty("base");
    if (base != null) {
      merged.putAll(overlay(base, root));
      merged.remove("remove");
    }
    for (String removed : own.getProperty("remove", "").split(",")) {
      if (!removed.isBlank()) {
        deleteRecursively(root.resolve(removed.trim()));
      }
    }
    merged.putAll(own);
    merged.remove("base");
    copyTree(dir.resolve("root"), root);
    return merged;
  }

  private static Path resource(String name) {
    URL url = HostFixture.class.getResource(RESOURCES + name + "/fixture.properties");
    if (url == null) {
      throw new IllegalArgumentException("no host fixture named " + name);
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** auxv.txt becomes the binary auxv; *.gz.txt becomes *.gz. */
  private static void encode(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (fileName.equals("auxv.txt")) {
        Files.write(file.resolveSibling("auxv"), auxv(Files.readAllLines(file)));
        Files.delete(file);
      } else if (fileName.endsWith(".gz.txt")) {
        Path gz = file.resolveSibling(fileName.substring(0, fileName.length() - ".txt".length()));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
          out.write(Files.readString(file).getBytes(StandardCharsets.UTF_8));
        }
        Files.delete(file);
      }
    }
  }

  static byte[] auxv(List<String> lines) {
    List<long[]> pairs = new ArrayList<>();
    for (String line : lines) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] kv = l.split("=", 2);
      Long type = AUXV_NAMES.get(kv[0].trim());
      if (type == null) {
        throw new IllegalArgumentException("unknown auxv entry " + kv[0] + " in auxv.txt");
      }
      pairs.add(new long[] {type, Long.decode(kv[1].trim())});
    }
    ByteBuffer b = ByteBuffer.allocate(pairs.size() * 16).order(ByteOrder.nativeOrder());
    pairs.forEach(p -> b.putLong(p[0]).putLong(p[1]));
    return b.array();
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("fixture removes " + path + ", which its base does not have");
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
