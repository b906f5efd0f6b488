package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bramble check} on this machine, with the real mmap probe through JNA. */
class CheckCommandIT {

  private static String command(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  /** The highest user-space address mapped in this process (kernel-space [vsyscall] excluded). */
  private static long highestMapping() throws IOException {
    long top = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      long end = Long.parseUnsignedLong(line.substring(line.indexOf('-') + 1, line.indexOf(' ')), 16);
      if (end > 0 && end > top) {
        top = end;
      }
    }
    return top;
  }

  @Test
  void reportsThisHostsArchPageSizeAndMeasuredAddressSpace() throws Exception {
    CliRun run = CliRun.run("check", "--format", "json");

    JsonNode host = new ObjectMapper().readTree(run.out()).path("host");
    assertEquals(command("uname", "-m"), host.path("arch").asText(), run.out());
    assertEquals(Long.parseLong(command("getconf", "PAGESIZE")), host.path("pageSize").asLong(), run.out());
    assertTrue(host.path("vaBits").isInt(), "the probe measured the address space: " + run.out() + run.err());
    long taskSize = Long.decode(host.path("taskSize").asText());
    assertTrue(Long.compareUnsigned(highestMapping(), taskSize) <= 0,
        "every mapping of this process lies below the measured top 0x" + Long.toHexString(taskSize));
  }

  @Test
  void onThisX86MachineTheProbeMeasuresFortySevenBits() throws Exception {
    boolean x86WithoutLa57 = command("uname", "-m").equals("x86_64")
        && !Files.readString(Path.of("/proc/cpuinfo")).contains(" la57");
    org.junit.jupiter.api.Assumptions.assumeTrue(x86WithoutLa57, "a 4-level-paging x86_64 host");

    CliRun run = CliRun.run("check");

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("  arch             x86_64"), run.out());
    assertTrue(run.out().contains("  page size        4096 "), run.out());
    assertTrue(run.out().contains("  user VA          47 bits (TASK_SIZE 0x7ffffffff000)"), run.out());
    assertTrue(run.out().contains("mmap probe"), run.out());
    assertTrue(run.out().contains("PASS  va-bits               47 bits"), run.out());
  }
}
