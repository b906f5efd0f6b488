package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.Spec;
import dev.bramble.runtime.elf.TestElf;
import dev.bramble.runtime.host.HostFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;

  /** Runs {@code bramble check ARGS} through Main's command tree, with facts from a captured host. */
  private CliRun check(String fixture, String... args) {
    HostFixture host = HostFixture.install(fixture, dir.resolve("hosts"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CliRun.CLOCK);
    List<Verb> verbs = List.of(new Verb(CheckCommand.SPEC,
        (c, a) -> new CheckCommand(c, a, host.root(), () -> Optional.of(host.probe()))));
    List<String> argv = new ArrayList<>(List.of("check"));
    argv.addAll(List.of(args));
    int status = Main.execute(context, verbs, argv.toArray(String[]::new));
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An arm64 bundle whose config.json sets a 256 MiB memory limit. */
  private Path memoryLimitedBundle() throws IOException {
    Path bundle = dir.resolve("bundle");
    TestElf.native64(183).load(0, 0x400000, 0x10000).writeTo(bundle.resolve("rootfs/bin/sh"));
    Spec spec = DefaultSpec.create(new DefaultSpec.Options(false, true, 0, 0));
    LinuxMemory limit = new LinuxMemory(268435456L, null, null, null, null, null, null, null, null);
    spec = spec.withLinux(spec.linux().withResources(
        new LinuxResources(null, limit, null, null, null, null, null, null, null)));
    SpecWriter.write(spec, bundle.resolve("config.json"));
    return bundle;
  }

  @Test
  void printsFactsWithSourcesThenVerdictsOnAPi4() {
    CliRun run = check("rpi4-raspios");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("host\n  arch             aarch64"), run.out());
    assertTrue(run.out().contains("/proc/self/auxv AT_PAGESZ"), run.out());
    assertTrue(run.out().contains("39 bits (TASK_SIZE 0x8000000000)"), run.out());
    assertTrue(run.out().contains("  WARN  memory-controller     memory controller absent"), run.out());
    assertTrue(run.out().contains("        fix:  append cgroup_enable=memory"), run.out());
    assertTrue(run.out().endsWith("sandbox: ready\n"), run.out());
    assertEquals("", run.err());
    assertTrue(run.out().lines().count() < 60, "fits one screen: " + run.out().lines().count() + " lines");
  }

  @Test
  void exitsNonZeroWhenTheSandboxCannotRunHere() {
    CliRun run = check("yama3");

    assertEquals(1, run.status());
    assertTrue(run.out().contains("  FAIL  ptrace-scope          ptrace_scope 3 (no attach)"), run.out());
    assertTrue(run.out().endsWith("sandbox: unavailable (ptrace-scope)\n"), run.out());
  }

  @Test
  void jsonCarriesTheNumbersAndEveryVerdict() throws IOException {
    CliRun run = check("rpi5-raspios", "--format", "json");

    assertEquals(0, run.status(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("aarch64", json.path("host").path("arch").asText());
    assertEquals(16384, json.path("host").path("pageSize").asInt());
    assertEquals(47, json.path("host").path("vaBits").asInt());
    assertEquals("0x800000000000", json.path("host").path("taskSize").asText());
    assertEquals("ready", json.path("sandbox").asText());
    assertFalse(json.path("failed").asBoolean(true));
    JsonNode pageSize = null;
    for (JsonNode v : json.path("verdicts")) {
      if (v.path("gate").asText().equals("page-size")) {
        pageSize = v;
      }
    }
    assertEquals("warn", pageSize.path("status").asText());
    assertTrue(pageSize.path("remedy").asText().contains("kernel=kernel8.img"));
    assertEquals("16384", json.path("nodeLabels").path("bramble.dev/page-size").asText());
  }

  @Test
  void nodeLabelsAreKeyValueLinesForKubectl() {
    CliRun run = check("debian-arm64", "--node-labels");

    assertEquals(0, run.status(), run.err());
    assertEquals("""
        bramble.dev/arch=arm64
        bramble.dev/page-size=4096
        bramble.dev/va-bits=48
        bramble.dev/memory-cgroup=true
        bramble.dev/sandbox=ready
        """, run.out());
  }

  @Test
  void nodeLabelsAsJsonForAutomation() throws IOException {
    CliRun run = check("yama3", "--node-labels", "--format", "json");

    assertEquals(1, run.status());
    assertEquals("unavailable", new ObjectMapper().readTree(run.out()).path("bramble.dev/sandbox").asText());
  }

  @Test
  void aBundleThatWouldBeRefusedExitsNonZeroAndSaysWhy() throws IOException {
    CliRun run = check("rpi4-raspios", "--bundle", memoryLimitedBundle().toString());

    assertEquals(1, run.status(), run.out());
    assertTrue(run.out().contains("gates for bundle " + dir.resolve("bundle")), run.out());
    assertTrue(run.out().contains("  FAIL  memory-controller"), run.out());
    assertTrue(run.out().contains("linux.resources.memory.limit=268435456"), run.out());
    assertTrue(run.out().endsWith("sandbox: ready; bundle: refused (memory-controller)\n"), run.out());
  }

  @Test
  void theGateWarnFlagPreviewsADowngrade() throws IOException {
    CliRun run = check("rpi4-raspios", "-b", memoryLimitedBundle().toString(), "--gate-warn", "memory-controller");

    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("  WARN* memory-controller"), run.out());
    assertTrue(run.out().contains("* failed, downgraded to a warning by flag --gate-warn memory-controller"),
        run.out());
    assertTrue(run.out().endsWith("bundle: accepted\n"), run.out());
  }

  @Test
  void anUnknownGateIdIsAnErrorListingTheValidOnes() {
    CliRun run = check("debian-arm64", "--gate-warn", "memory");

    assertEquals(1, run.status());
    assertTrue(run.err().contains("parse --gate-warn 'memory': unknown gate id 'memory'; use one of: host-arch"),
        run.err());
  }

  @Test
  void aMissingBundleDirectoryIsAnError() {
    CliRun run = check("debian-arm64", "--bundle", dir.resolve("nope").toString());

    assertEquals(1, run.status());
    assertTrue(run.err().contains("check bundle " + dir.resolve("nope") + ": not a directory"), run.err());
  }

  @Test
  void anInvalidConfigJsonIsAnErrorNamingTheFile() throws IOException {
    Path bundle = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bundle.resolve("config.json"), "{\"ociVersion\": 7}");

    CliRun run = check("debian-arm64", "--bundle", bundle.toString());

    assertEquals(1, run.status());
    assertTrue(run.err().contains(bundle.resolve("config.json").toString()), run.err());
  }

  @Test
  void checkIsAVerbOfTheRealBinary() {
    CliRun run = CliRun.run("check", "--help");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("--node-labels"), run.out());
    assertTrue(run.out().contains("--gate-warn"), run.out());
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRun run = check("debian-arm64", "--format", "yaml");

    assertEquals(1, run.status());
    assertTrue(run.err().contains("bramble check: invalid value \\\"yaml\\\" for flag -format: expected text or json;"
        + " run 'bramble check --help' for usage"), run.err());
    assertEquals("", run.out());
  }
}
