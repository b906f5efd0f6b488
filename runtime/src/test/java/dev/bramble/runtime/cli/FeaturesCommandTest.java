package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.features.Features;
import dev.bramble.oci.json.OciJson;
import dev.bramble.oci.spec.KnownValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesCommandTest {
  @Test
  void printsTheSupportedFeaturesAsTheOciModelOnStdoutOnly() throws Exception {
    CliRun run = CliRun.run("--log-format", "json", "--root", "/tmp/unused", "features");
    assertEquals(0, run.status());
    assertEquals("", run.err());
    Features printed = OciJson.mapper().readValue(run.out(), Features.class);
    assertEquals(SupportedFeatures.features(VersionInfo.brambleVersion()), printed);
  }

  @Test
  void documentIsTruthfulAboutWhatIsNotImplementedYet() throws Exception {
    JsonNode json = OciJson.mapper().readTree(CliRun.run("features").out());
    assertEquals("1.0.0", json.path("ociVersionMin").asText());
    assertEquals(SupportedFeatures.OCI_VERSION_MAX, json.path("ociVersionMax").asText());
    JsonNode linux = json.path("linux");
    assertEquals(List.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"),
        OciJson.mapper().convertValue(linux.path("namespaces"), List.class));
    JsonNode seccomp = linux.path("seccomp");
    assertTrue(seccomp.path("enabled").asBoolean(false), "config.json seccomp profiles are applied");
    List<?> actions = OciJson.mapper().convertValue(seccomp.path("actions"), List.class);
    assertTrue(actions.containsAll(List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL_PROCESS")), "" + actions);
    assertFalse(actions.contains("SCMP_ACT_NOTIFY"), "user notification is not implemented yet");
    assertEquals(7, seccomp.path("operators").size());
    List<?> archs = OciJson.mapper().convertValue(seccomp.path("archs"), List.class);
    assertTrue(archs.containsAll(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64")), "" + archs);
    assertEquals(seccomp.path("knownFlags"), seccomp.path("supportedFlags"));
    assertFalse(linux.path("apparmor").path("enabled").asBoolean(true));
    assertFalse(linux.path("selinux").path("enabled").asBoolean(true));
    for (String version : new String[] {"v1", "v2", "rdma"}) {
      assertTrue(linux.path("cgroup").path(version).asBoolean(false), "cgroup " + version + " is implemented");
    }
    for (String version : new String[] {"systemd", "systemdUser"}) {
      assertTrue(linux.path("cgroup").path(version).isBoolean(), version);
      assertFalse(linux.path("cgroup").path(version).asBoolean(), "the systemd cgroup driver is refused");
    }
    assertEquals(KnownValues.HOOK_NAMES, OciJson.mapper().convertValue(json.path("hooks"), List.class));
    assertEquals(VersionInfo.brambleVersion(), json.path("annotations").path("dev.bramble.version").asText());
    assertEquals("false", json.path("annotations").path("dev.bramble.checkpoint.enabled").asText());
  }

  @Test
  void mountOptionsAreASubsetOfTheSpecsVocabularyWithoutDuplicates() {
    assertTrue(KnownValues.MOUNT_OPTIONS.containsAll(SupportedFeatures.MOUNT_OPTIONS));
    assertEquals(SupportedFeatures.MOUNT_OPTIONS.size(), SupportedFeatures.MOUNT_OPTIONS.stream().distinct().count());
    assertTrue(SupportedFeatures.MOUNT_OPTIONS.containsAll(KnownValues.PROPAGATIONS));
    assertFalse(SupportedFeatures.MOUNT_OPTIONS.contains("idmap"), "id-mapped mounts are not implemented");
    assertFalse(SupportedFeatures.MOUNT_OPTIONS.contains("rro"), "mount_setattr options are not implemented");
  }

  @Test
  void outputIsStableAcrossRuns() {
    assertEquals(CliRun.run("features").out(), CliRun.run("features").out());
  }
}
