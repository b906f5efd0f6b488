package dev.bramble.oci.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.validation.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DefaultSpec against the real {@code runc spec} output captured from runc 1.1.5. */
class DefaultSpecTest {

  private static ObjectNode fixture(String name) throws Exception {
    Path file = Paths.get(DefaultSpecTest.class.getResource("/fixtures/" + name).toURI());
    return (ObjectNode) OciJson.mapper().readTree(Files.readString(file));
  }

  /** runc 1.1.5 still set ambient caps and writes its own version and hostname. */
  private static ObjectNode asBramble(ObjectNode runc) {
    runc.put("ociVersion", SpecVersion.CURRENT);
    if (runc.has("hostname")) {
      runc.put("hostname", DefaultSpec.HOSTNAME);
    }
    ((ObjectNode) runc.at("/process/capabilities")).remove("ambient");
    return runc;
  }

  /** Through text, so numbers get the same node types as in the parsed fixture. */
  private static JsonNode tree(Spec spec) throws Exception {
    return OciJson.mapper().readTree(SpecWriter.toJson(spec));
  }

  @Test
  void matchesRuncSpecOnACgroupV1Host() throws Exception {
    Spec spec = DefaultSpec.create(new DefaultSpec.Options(false, false, 0, 0));
    assertEquals(asBramble(fixture("runc-spec.json")), tree(spec));
  }

  @Test
  void cgroupV2HostsGetACgroupNamespace() {
    Spec spec = DefaultSpec.create(new DefaultSpec.Options(false, true, 0, 0));
    assertEquals(
        List.of("pid", "network", "ipc", "uts", "mount", "cgroup"),
        spec.linux().namespaces().stream().map(LinuxNamespace::type).toList());
  }

  @Test
  void rootlessMatchesRuncExceptTheCgroupMount() throws Exception {
    Spec spec = DefaultSpec.create(new DefaultSpec.Options(true, false, 0, 0));
    ObjectNode expected = asBramble(fixture("runc-spec-rootless.json"));
    ArrayNode mounts = (ArrayNode) expected.get("mounts");
    assertEquals("/sys/fs/cgroup", mounts.get(mounts.size() - 1).get("destination").asText());
    mounts.remove(mounts.size() - 1);
    assertEquals(expected, tree(spec));
  }

  @Test
  void rootlessMapsTheGivenIdsAndDropsNetworkAndResources() {
    Spec spec = DefaultSpec.create(new DefaultSpec.Options(true, true, 1000, 1001));
    Linux linux = spec.linux();
    assertEquals(List.of(new LinuxIdMapping(0L, 1000L, 1L)), linux.uidMappings());
    assertEquals(List.of(new LinuxIdMapping(0L, 1001L, 1L)), linux.gidMappings());
    assertTrue(linux.namespace("user").isPresent());
    assertTrue(linux.namespace("cgroup").isPresent());
    assertFalse(linux.namespace("network").isPresent());
    assertNull(linux.resources());
    Mount sys =
        spec.mounts().stream()
            .filter(m -> m.destination().equals("/sys"))
            .findFirst()
            .orElseThrow();
    assertEquals("none", sys.type());
    assertEquals("/sys", sys.source());
    assertEquals(List.of("rbind", "nosuid", "noexec", "nodev", "ro"), sys.options());
    for (Mount mount : spec.mounts()) {
      assertFalse(mount.destination().startsWith("/sys/fs/cgroup"));
      if (mount.options() != null) {
        mount.options().forEach(o -> assertFalse(o.startsWith("gid=") || o.startsWith("uid="), o));
      }
    }
  }

  @Test
  void hostDefaultsAreValidAndUseTheCurrentIds() throws Exception {
    Spec rootful = DefaultSpec.create(false);
    Spec rootless = DefaultSpec.create(true);
    assertEquals(List.of(), SpecValidator.validate(rootful));
    assertEquals(List.of(), SpecValidator.validate(rootless));
    assertEquals(DefaultSpec.isCgroupV2(), rootful.linux().namespace("cgroup").isPresent());
    long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    assertEquals(uid, rootless.linux().uidMappings().get(0).hostID());
    assertEquals("bramble", rootful.hostname());
    assertEquals("1.2.1", rootful.ociVersion());
    assertEquals(List.of("sh"), rootful.process().args());
    assertTrue(rootful.process().terminal());
  }
}
