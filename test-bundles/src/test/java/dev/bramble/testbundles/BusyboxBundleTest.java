package dev.bramble.testbundles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.Mount;
import dev.bramble.oci.spec.Spec;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real bundle trees in a temp dir (no root needed) from the installed busybox-static. */
class BusyboxBundleTest {
  @TempDir Path dir;

  @Test
  void defaultBundleHasARunnableRootfsAndAValidConfig() throws Exception {
    Path bundle = BusyboxBundle.create(dir.resolve("b")).build();
    assertEquals(dir.resolve("b").toAbsolutePath(), bundle);
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)));

    Spec spec = SpecReader.read(bundle.resolve("config.json"));
    assertFalse(spec.process().terminal(), "tests need terminal=false by default");
    assertEquals(List.of("sh"), spec.process().args());
    assertEquals("bramble", spec.hostname());

    Path rootfs = bundle.resolve("rootfs");
    Path busybox = rootfs.resolve("bin/busybox");
    assertTrue(Files.isExecutable(busybox));
    assertEquals(Files.size(BusyboxRootfs.DEFAULT_BUSYBOX), Files.size(busybox));
    for (String dirName : List.of("dev", "proc", "sys", "tmp", "etc", "root", "home/user")) {
      assertTrue(Files.isDirectory(rootfs.resolve(dirName)), dirName);
    }
    assertEquals(01777, (Integer) Files.getAttribute(rootfs.resolve("tmp"), "unix:mode") & 07777);
    String passwd = Files.readString(rootfs.resolve("etc/passwd"));
    assertTrue(passwd.contains("root:x:0:0:"), passwd);
    assertTrue(passwd.contains("user:x:1000:1000:user:/home/user:/bin/sh"), passwd);
    assertTrue(Files.readString(rootfs.resolve("etc/group")).contains("user:x:1000:"));
    assertEquals("bramble\n", Files.readString(rootfs.resolve("etc/hostname")));
    assertTrue(Files.readString(rootfs.resolve("etc/hosts")).contains("localhost"));
  }

  @Test
  void everyAppletIsARelativeLinkToBusybox() throws Exception {
    Path rootfs = BusyboxBundle.create(dir.resolve("b")).build().resolve("rootfs");
    List<String> applets = BusyboxRootfs.applets(BusyboxRootfs.DEFAULT_BUSYBOX);
    assertTrue(applets.size() > 100, "busybox-static has hundreds of applets");
    for (String applet : applets) {
      if (applet.equals("bin/busybox")) {
        continue; // busybox lists itself; that one is the binary
      }
      Path link = rootfs.resolve(applet);
      assertTrue(Files.isSymbolicLink(link), applet);
      Path target = Files.readSymbolicLink(link);
      assertFalse(target.isAbsolute(), applet + " -> " + target);
      assertEquals(
          rootfs.resolve("bin/busybox"), link.getParent().resolve(target).normalize(), applet);
    }
    assertEquals(Path.of("busybox"), Files.readSymbolicLink(rootfs.resolve("bin/sh")));
  }

  @Test
  void theShellInTheRootfsActuallyRuns() throws Exception {
    Path rootfs = BusyboxBundle.create(dir.resolve("b")).build().resolve("rootfs");
    // run the installed applet link from the host: proves the binary and the link both work
    Process sh =
        new ProcessBuilder(rootfs.resolve("bin/sh").toString(), "-c", "echo ok; exit 7").start();
    assertEquals("ok\n", new String(sh.getInputStream().readAllBytes()));
    assertEquals(7, sh.waitFor());
  }

  @Test
  void typedSettingsAndEditHooksShapeTheConfig() throws Exception {
    Path bundle =
        BusyboxBundle.create(dir.resolve("b"))
            .args("sh", "-c", "exit 7")
            .env("PATH=/bin")
            .addEnv("FOO=bar")
            .cwd("/tmp")
            .user(1000, 1000)
            .readonlyRoot(false)
            .hostname("box")
            .namespace("cgroup")
            .withoutNamespace("network")
            .annotation("org.example/test", "yes")
            .mount(new Mount("/scratch", "tmpfs", "tmpfs", List.of("nosuid"), null, null))
            .editConfig(c -> c.withObject("/process").put("noNewPrivileges", false))
            .editConfig(c -> c.withObject("/process").put("oomScoreAdj", 100))
            .build();
    Spec spec = SpecReader.read(bundle.resolve("config.json"));
    assertEquals(List.of("sh", "-c", "exit 7"), spec.process().args());
    assertEquals(List.of("PATH=/bin", "FOO=bar"), spec.process().env());
    assertEquals("/tmp", spec.process().cwd());
    assertEquals(1000L, spec.process().user().uid());
    assertFalse(spec.root().readonly());
    assertEquals("box", spec.hostname());
    assertEquals("box\n", Files.readString(bundle.resolve("rootfs/etc/hostname")));
    assertTrue(spec.linux().namespace("cgroup").isPresent());
    assertFalse(spec.linux().namespace("network").isPresent());
    assertEquals(Map.of("org.example/test", "yes"), spec.annotations());
    assertEquals("/scratch", spec.mounts().get(spec.mounts().size() - 1).destination());
    assertFalse(spec.process().noNewPrivileges());
    assertEquals(100, spec.process().oomScoreAdj());
  }

  @Test
  void userNamespaceAndRootlessVariants() throws Exception {
    ObjectNode config = BusyboxBundle.create(dir).userNamespace(100000, 100000, 65536).config();
    Spec spec = SpecReader.parse(config.toString(), "config");
    assertTrue(spec.linux().namespace("user").isPresent());
    assertEquals(List.of(new LinuxIdMapping(0L, 100000L, 65536L)), spec.linux().uidMappings());

    Spec rootless =
        SpecReader.parse(BusyboxBundle.create(dir).rootless(true).config().toString(), "c");
    assertEquals(1L, rootless.linux().uidMappings().get(0).size());
    assertFalse(rootless.linux().namespace("network").isPresent());
    assertEquals(
        List.of("pid", "ipc", "uts", "mount"),
        rootless.linux().namespaces().stream()
            .map(LinuxNamespace::type)
            .filter(t -> !t.equals("user") && !t.equals("cgroup"))
            .toList());
  }

  @Test
  void invalidConfigIsRefusedUnlessValidationIsSkipped() throws Exception {
    SpecException e =
        assertThrows(
            SpecException.class,
            () -> BusyboxBundle.create(dir.resolve("bad")).withoutNamespace("uts").build());
    assertTrue(
        e.getMessage().contains("hostname: unable to set hostname without a private UTS"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("bad/rootfs")), "nothing written for a refused config");

    Path bundle =
        BusyboxBundle.create(dir.resolve("bad2")).withoutNamespace("uts").skipValidation().build();
    assertThrows(SpecException.class, () -> SpecReader.read(bundle.resolve("config.json")));
  }

  @Test
  void missingBusyboxSaysHowToInstallIt() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                BusyboxBundle.create(dir.resolve("b")).busybox(dir.resolve("no-busybox")).build());
    assertTrue(e.getMessage().contains("apt-get install -y busybox-static"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("no-busybox").toString()), e.getMessage());
  }

  @Test
  void dynamicallyLinkedBusyboxIsRefused() throws Exception {
    // any dynamic executable will do; the JVM's launcher always is
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    assertFalse(StaticBinaryCheck.isStaticElf(java));
    assertTrue(StaticBinaryCheck.isStaticElf(BusyboxRootfs.DEFAULT_BUSYBOX));
    IOException e =
        assertThrows(
            IOException.class, () -> BusyboxBundle.create(dir.resolve("b")).busybox(java).build());
    assertTrue(e.getMessage().contains("not a statically linked"), e.getMessage());
    assertTrue(e.getMessage().contains("busybox-static"), e.getMessage());

    Path text = Files.writeString(dir.resolve("script"), "#!/bin/sh\n");
    assertFalse(StaticBinaryCheck.isStaticElf(text));
  }

  @Test
  void aBundleDirectoryIsNotReused() throws Exception {
    BusyboxBundle.create(dir.resolve("b")).build();
    assertThrows(
        FileAlreadyExistsException.class, () -> BusyboxBundle.create(dir.resolve("b")).build());
  }

  @Test
  void tempBundlesLiveInFreshDirectories() throws Exception {
    Path bundle = BusyboxBundle.createTemp().build();
    try {
      assertTrue(bundle.getFileName().toString().startsWith("bramble-bundle-"));
      assertTrue(Files.isRegularFile(bundle.resolve("config.json")));
    } finally {
      deleteTree(bundle);
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
