package dev.bramble.runtime.gate;

import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.Spec;
import dev.bramble.runtime.elf.TestElf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A bundle directory for gate tests: runc's default config.json, adjusted, and a rootfs the test fills. */
final class TestBundle {
  private final Path dir;
  private Spec spec = DefaultSpec.create(new DefaultSpec.Options(false, true, 0, 0));

  TestBundle(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(rootfs());
  }

  Path dir() {
    return dir;
  }

  Path rootfs() {
    return dir.resolve("rootfs");
  }

  /** Copies the host's static busybox to /bin/busybox with /bin/sh pointing at it (the default args run sh). */
  TestBundle withHostBusybox() throws IOException {
    return withBusybox(Path.of("/bin/busybox").toRealPath());
  }

  TestBundle withBusybox(Path busybox) throws IOException {
    Files.createDirectories(rootfs().resolve("bin"));
    Files.copy(busybox, rootfs().resolve("bin/busybox"));
    Files.createSymbolicLink(rootfs().resolve("bin/sh"), Path.of("busybox"));
    return this;
  }

  TestBundle args(String... args) {
    spec = spec.withProcess(spec.process().withArgs(List.of(args)));
    return this;
  }

  TestBundle annotation(String key, String value) {
    Map<String, String> annotations = new LinkedHashMap<>(spec.annotations() == null ? Map.of() : spec.annotations());
    annotations.put(key, value);
    spec = spec.withAnnotations(annotations);
    return this;
  }

  TestBundle resources(UnaryOperator<LinuxResources> change) {
    Linux linux = spec.linux();
    LinuxResources current = linux.resources() == null
        ? new LinuxResources(null, null, null, null, null, null, null, null, null) : linux.resources();
    spec = spec.withLinux(linux.withResources(change.apply(current)));
    return this;
  }

  TestBundle namespace(String type, String path) {
    List<LinuxNamespace> namespaces = new ArrayList<>(spec.linux().namespaces());
    namespaces.add(new LinuxNamespace(type, path));
    spec = spec.withLinux(spec.linux().withNamespaces(namespaces));
    return this;
  }

  /** A new user namespace, with the uid/gid mappings config.json then requires. */
  TestBundle userNamespace() {
    namespace("user", null);
    List<LinuxIdMapping> map = List.of(new LinuxIdMapping(0L, 100000L, 65536L));
    spec = spec.withLinux(spec.linux().withUidMappings(map).withGidMappings(map));
    return this;
  }

  /** A 64-bit ELF header for {@code machine} as /bin/sh (what the default args run), aligned for 64K pages. */
  TestBundle withElfShell(int machine) throws IOException {
    TestElf.native64(machine).load(0, 0x400000, 0x10000).writeTo(rootfs().resolve("bin/sh"));
    return this;
  }

  TestBundle withoutProcess() {
    spec = spec.withProcess(null);
    return this;
  }

  /** Writes config.json and reads the bundle the way create and check do (full validation). */
  BundleFacts facts() throws IOException {
    SpecWriter.write(spec, dir.resolve("config.json"));
    try {
      return BundleFactsReader.read(dir);
    } catch (SpecException e) {
      throw new AssertionError("the test bundle's config.json is invalid: " + e.getMessage(), e);
    }
  }
}
