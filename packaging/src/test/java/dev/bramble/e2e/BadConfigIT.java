package dev.bramble.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.testbundles.BusyboxBundle;
import dev.bramble.testbundles.BusyboxRootfs;
import dev.bramble.testbundles.ConfigCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real binary: every file of the invalid-config corpus, and every setting the runtime itself
 * refuses, makes `bramble create` fail with the file, the JSON path and the reason — and leave nothing behind.
 */
class BadConfigIT {
  @TempDir static Path tmp;

  private static void assertRefused(Path bundle, List<String> fragments) throws Exception {
    Path root = tmp.resolve("state-" + UUID.randomUUID());
    Cli.Result r = Cli.bramble(root, "create", "--bundle", bundle.toString(), "bad");
    assertEquals(1, r.exit(), r.all());
    for (String fragment : fragments) {
      assertTrue(r.err().contains(fragment), "expected \"" + fragment + "\" in: " + r.err());
    }
    assertTrue(!Files.exists(root.resolve("bad")), "no state left");
    Leftovers.assertNone(root, bundle, null);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidCorpusFileIsRefusedWithItsJsonPath() throws Exception {
    Path rootfs = tmp.resolve("corpus-rootfs");
    BusyboxRootfs.build(rootfs, Path.of("/bin/busybox"), "corpus");
    return ConfigCorpus.invalid().stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
      Path bundle = Files.createDirectories(tmp.resolve("corpus").resolve(entry.name()));
      Files.writeString(bundle.resolve("config.json"), entry.json());
      Path link = bundle.resolve("rootfs");
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, rootfs);
      }
      List<String> fragments = new ArrayList<>(List.of("config.json"));
      entry.expected().forEach(e -> {
        fragments.add(e.path().replace("\"", "\\\""));
      });
      assertRefused(bundle, fragments);
    }));
  }

  private static DynamicTest refused(String name, Consumer<ObjectNode> edit, String... fragments) {
    return DynamicTest.dynamicTest(name, () -> {
      Path bundle = BusyboxBundle.create(tmp.resolve("runtime").resolve(name)).args("true").skipValidation()
          .editConfig(edit).build();
      assertRefused(bundle, List.of(fragments));
    });
  }

  @TestFactory
  Stream<DynamicTest> settingsTheRuntimeCannotHonourAreRefusedWithTheirJsonPath() {
    return Stream.of(
        refused("apparmor-without-apparmor", c -> c.with("process").put("apparmorProfile", "docker-default"),
            "process.apparmorProfile", "AppArmor is not enabled"),
        refused("selinux-label", c -> c.with("process").put("selinuxLabel", "system_u:system_r:container_t:s0"),
            "process.selinuxLabel"),
        refused("mount-label", c -> c.with("linux").put("mountLabel", "system_u:object_r:container_file_t:s0"),
            "linux.mountLabel"),
        refused("personality-flags", c -> {
          ObjectNode p = c.with("linux").with("personality");
          p.put("domain", "LINUX");
          p.putArray("flags").add("ADDR_NO_RANDOMIZE");
        }, "linux.personality.flags"),
        refused("idmapped-mount", c -> {
          ObjectNode m = c.withArray("mounts").addObject();
          m.put("destination", "/data").put("type", "bind").put("source", "/tmp");
          m.putArray("options").add("rbind").add("idmap");
        }, "mounts[", "idmap"),
        refused("no-mount-namespace", c -> {
          c.with("linux").putArray("namespaces").addObject().put("type", "pid");
          c.remove("hostname");
          c.with("linux").remove(List.of("maskedPaths", "readonlyPaths"));
        }, "linux.namespaces", "mount namespace"),
        refused("missing-bind-source", c -> {
          ObjectNode m = c.withArray("mounts").addObject();
          m.put("destination", "/data").put("type", "bind").put("source", "/nonexistent/src");
          m.putArray("options").add("rbind");
        }, "mounts[", "/nonexistent/src", "does not exist"),
        refused("terminal-without-console-socket", c -> c.with("process").put("terminal", true),
            "--console-socket"));
  }
}
