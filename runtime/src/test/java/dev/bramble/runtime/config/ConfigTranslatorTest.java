package dev.bramble.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTranslatorTest {
  /** `bramble spec` as on a cgroup v2 host (with a cgroup namespace), whatever this host is. */
  static final Spec SPEC = DefaultSpec.create(new DefaultSpec.Options(false, true, 0, 0));

  @TempDir Path bundle;

  @BeforeEach
  void rootfs() throws Exception {
    Files.createDirectory(bundle.resolve("rootfs"));
  }

  @Test
  void translatesTheDefaultSpecWithRuncDefaults() {
    ContainerConfig c = new ConfigTranslator(40).translate("c1", bundle, SPEC);
    assertEquals(bundle.resolve("rootfs"), c.rootfs());
    assertEquals(MountFlags.SLAVE | MountFlags.REC, c.rootPropagation());
    assertTrue(c.createsNamespace(NamespaceType.PID) && c.createsNamespace(NamespaceType.MOUNT));
    // runc's six default devices are always present
    assertEquals(List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"),
        c.devices().stream().map(ContainerConfig.DeviceConfig::path).toList());
    assertEquals(1L << 5 | 1L << 10 | 1L << 29, c.process().capabilities().bounding());
    assertEquals(7, c.process().rlimits().get(0).resource()); // RLIMIT_NOFILE
  }

  @Test
  void capabilitiesTheKernelLacksAreDropped() {
    ContainerConfig c = new ConfigTranslator(4).translate("c1", bundle, SPEC);
    assertEquals(0, c.process().capabilities().bounding(), "CAP_KILL(5) and up are beyond cap_last_cap 4");
  }

  @Test
  void refusesAConfigWithoutANewMountNamespace() {
    Spec spec = SPEC;
    List<LinuxNamespace> noMount = spec.linux().namespaces().stream()
        .filter(n -> !n.type().equals("mount")).toList();
    Spec edited = spec.withLinux(spec.linux().withNamespaces(noMount));
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ConfigTranslator(40).translate("c1", bundle, edited));
    assertEquals("linux.namespaces", e.jsonPath());
  }

  @Test
  void refusesAMissingRootfsNamingRootPath() throws Exception {
    Files.delete(bundle.resolve("rootfs"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ConfigTranslator(40).translate("c1", bundle, SPEC));
    assertEquals("root.path", e.jsonPath());
  }
}
