package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.LinuxIdMapping;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.Spec;
import dev.bramble.oci.spec.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCommandTest {
  @Test
  void writesTheDefaultSpecThatTheValidatorAccepts(@TempDir Path bundle) throws Exception {
    CliRun run = CliRun.run("spec", "--bundle", bundle.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.out(), "spec prints nothing on stdout");
    assertEquals("", run.err());
    Spec written = SpecReader.read(bundle.resolve("config.json")); // full validation; throws on any problem
    assertEquals(DefaultSpec.create(false), written);
    assertEquals(SpecVersion.CURRENT, written.ociVersion());
    assertEquals("rootfs", written.root().path());
    assertTrue(written.linux().namespaces().stream().noneMatch(ns -> ns.type().equals("user")));
  }

  @Test
  void shortBundleOptionAndRunOrderGlobalsWork(@TempDir Path bundle) throws Exception {
    CliRun run = CliRun.run("--root", bundle.resolve("state").toString(), "--log-format", "json", "spec", "-b",
        bundle.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.isRegularFile(bundle.resolve("config.json")));
  }

  @Test
  void withoutBundleTheCurrentDirectoryIsUsed() {
    SpecCommand command = new SpecCommand(CliRun.quietContext(), ArgParser.parse(SpecCommand.SPEC, List.of()));
    assertNull(command.bundle(), "no --bundle means the working directory, as in runc");
  }

  @Test
  void rootlessVariantHasAUserNamespaceMappingTheCurrentUserToRoot(@TempDir Path bundle) throws Exception {
    CliRun run = CliRun.run("spec", "--rootless", "--bundle", bundle.toString());
    assertEquals(0, run.status(), run.err());
    Spec written = SpecReader.read(bundle.resolve("config.json"));
    List<String> types = written.linux().namespaces().stream().map(LinuxNamespace::type).toList();
    assertTrue(types.contains("user"), types.toString());
    assertFalse(types.contains("network"), types.toString());
    List<LinuxIdMapping> uids = written.linux().uidMappings();
    assertEquals(1, uids.size());
    assertEquals(0L, uids.get(0).containerID());
    assertEquals(DefaultSpec.create(true), written);
  }

  @Test
  void refusesToOverwriteAnExistingConfigLikeRunc(@TempDir Path bundle) throws Exception {
    Path config = bundle.resolve("config.json");
    Files.writeString(config, "{\"mine\": true}");
    CliRun run = CliRun.run("spec", "--bundle", bundle.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("msg=\"spec: bundle " + bundle + ": File config.json exists. Remove it first\""),
        run.err());
    assertEquals("{\"mine\": true}", Files.readString(config), "the existing file must be untouched");
  }

  @Test
  void refusesToWriteThroughASymlinkPlantedAsConfig(@TempDir Path bundle) throws Exception {
    Path target = bundle.resolve("elsewhere.json");
    Files.createSymbolicLink(bundle.resolve("config.json"), target);
    CliRun run = CliRun.run("spec", "--bundle", bundle.toString());
    assertEquals(1, run.status());
    assertTrue(run.err().contains("File config.json exists. Remove it first"), run.err());
    assertFalse(Files.exists(target), "nothing may be written through the link");
  }

  @Test
  void aMissingBundleDirectoryIsExplained(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-bundle");
    CliRun run = CliRun.run("--log-format", "json", "spec", "-b", missing.toString());
    assertEquals(1, run.status());
    assertEquals("{\"level\":\"error\",\"msg\":\"spec: write " + missing.resolve("config.json")
        + ": the bundle directory does not exist; pass an existing, writable bundle directory with --bundle\","
        + "\"time\":\"" + CliRun.TIME + "\"}\n", run.err());
  }

  @Test
  void extraPositionalArgumentsAreAUsageError(@TempDir Path bundle) {
    CliRun run = CliRun.run("spec", "--bundle", bundle.toString(), "extra");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("bramble spec: expected no arguments, got 1: extra; run 'bramble spec --help'"),
        run.err());
    assertFalse(Files.exists(bundle.resolve("config.json")));
  }
}
