package dev.bramble.launchers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness (bench/Bench.java, a single-file program run with `java`) is compiled here and its
 * arithmetic checked on made-up samples: the medians, the ratios and the met/not-met verdicts it writes into the
 * README, and its reading of ctr-run-bench.sh's output. Its measurements need root and minutes; this does not.
 */
class BenchHarnessTest {
  private static final Path SOURCE = Path.of("..", "bench", "Bench.java");
  @TempDir static Path classes;
  private static Class<?> bench;
  private static Constructor<?> sample;

  @BeforeAll
  static void compile() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), SOURCE.toString()), "Bench.java compiles");
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    bench = loader.loadClass("Bench");
    sample = loader.loadClass("Bench$Sample").getDeclaredConstructor(double.class, long.class, int.class);
    sample.setAccessible(true);
  }

  private static Object call(String name, Class<?>[] types, Object... args) throws Exception {
    Method m = bench.getDeclaredMethod(name, types);
    m.setAccessible(true);
    return m.invoke(null, args);
  }

  private static List<Object> seconds(double... values) throws Exception {
    List<Object> out = new java.util.ArrayList<>();
    for (double v : values) {
      out.add(sample.newInstance(v, 50_000L, 0));
    }
    return out;
  }

  @Test
  void medianOfOddAndEvenCounts() throws Exception {
    Class<?>[] list = {List.class};
    assertEquals(2.0, call("median", list, List.of(3.0, 1.0, 2.0)));
    assertEquals(2.5, call("median", list, List.of(4.0, 1.0, 3.0, 2.0)));
  }

  @Test
  void targetsAreJudgedFromTheMedians() throws Exception {
    Map<String, Map<String, List<Object>>> results = new LinkedHashMap<>();
    results.put("lifecycle", Map.of("bramble", seconds(0.25, 0.24, 0.30), "bramble trap-all", seconds(0.24),
        "runc", seconds(0.03), "runsc ptrace", seconds(0.12)));
    results.put("syscalls", Map.of("bramble", seconds(0.30), "bramble trap-all", seconds(3.4),
        "runc", seconds(0.07), "runsc ptrace", seconds(10.0)));
    results.put("processes", Map.of("bramble", seconds(0.41), "runsc ptrace", seconds(1.02)));

    String text = (String) call("targets", new Class<?>[] {Map.class}, results);

    assertTrue(text.contains("no slower than runsc: ratio 2.08 — not met"), text);
    assertTrue(text.contains("(whole process): ratio 4.29 — not met"), text);
    assertTrue(text.contains("0.050 s vs 0.040 s, ratio 1.25 — met"), text); // (0.30-0.25) vs (0.07-0.03)
    assertTrue(text.contains("trap-all: at most half of runsc: ratio 0.34 — met"), text);
    assertTrue(text.contains("fork+exec: at most half of runsc: ratio 0.40 — met"), text);
  }

  @Test
  void readsTheMediansOfCtrRunBench() throws Exception {
    String out = """
        ctr run --rm IMAGE ID /bin/true, wall time (7 rounds, the modes round-robin):
        runc shim (io.containerd.runc.v2)    median    96 ms  min    92 ms  max   114 ms  (7 runs)
        bramble shim, namespace mode (warm)  median   102 ms  min    92 ms  max   131 ms  (7 runs)
        """;
    Class<?>[] types = {String.class, String.class};
    assertEquals(OptionalDouble.of(96), call("ctrMedian", types, out, "runc shim (io.containerd.runc.v2)"));
    assertEquals(OptionalDouble.of(102), call("ctrMedian", types, out, "bramble shim, namespace mode (warm)"));
    assertEquals(OptionalDouble.empty(), call("ctrMedian", types, out, "bramble shim (io.containerd.bramble.v1)"));
  }

  @Test
  void theSourceIsWhereTheReadmeSaysItIs() {
    assertTrue(Files.isRegularFile(SOURCE), SOURCE.toAbsolutePath().toString());
  }
}
