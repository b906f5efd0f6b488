import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * bramble's benchmark harness: whole-process timings of bramble against runc, crun and runsc (ptrace platform) on
 * the same generated busybox bundles, alternating runtimes run by run, with medians, min/max, peak RSS of the largest
 * process (/usr/bin/time) and bramble's ratio to each peer, plus an SVG chart of the ratios.
 *
 * <p>Run as root after `mvn package`: {@code java bench/Bench.java [--runs N] [--readme]}. --readme rewrites the
 * results block of README.md (between the bench markers). Not a test: numbers, not verdicts.
 */
public class Bench {
  record Runtime(String name, Function<Workload, List<String>> command) {}

  record Workload(String name, String description, Path bundle) {}

  record Sample(double seconds, long maxRssKb, int exit) {}

  static final Path REPO = Path.of("").toAbsolutePath();
  static final Path BIN = REPO.resolve("packaging/target/bin");
  static int runs = 5;
  static int counter;

  public static void main(String[] args) throws Exception {
    boolean readme = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--readme" -> readme = true;
        default -> throw new IllegalArgumentException("usage: java bench/Bench.java [--runs N] [--readme]");
      }
    }
    Path work = Files.createTempDirectory("bramble-bench");
    List<Workload> workloads = workloads(work);
    List<Runtime> runtimes = runtimes(work, workloads.get(0));
    Map<String, Map<String, List<Sample>>> results = new LinkedHashMap<>();
    for (Workload w : workloads) {
      Map<String, List<Sample>> byRuntime = new LinkedHashMap<>();
      runtimes.forEach(r -> byRuntime.put(r.name(), new ArrayList<>()));
      for (int i = 0; i < runs; i++) {
        for (Runtime r : runtimes) { // alternate runtimes within each round: drift hits all alike
          byRuntime.get(r.name()).add(measure(r.command().apply(w)));
        }
      }
      results.put(w.name(), byRuntime);
      System.err.println("done: " + w.name());
    }
    String report = report(workloads, runtimes, results) + "\n" + targets(results) + "\n" + containerd();
    System.out.println(report);
    Path out = REPO.resolve("bench/results");
    Files.createDirectories(out);
    Files.writeString(out.resolve("latest.md"), report);
    Files.writeString(out.resolve("ratios.svg"), svg(workloads, runtimes, results));
    if (readme) {
      updateReadme(report);
    }
  }

  // ---- workloads ------------------------------------------------------------------------------------------

  static List<Workload> workloads(Path work) throws Exception {
    List<Workload> w = new ArrayList<>();
    w.add(new Workload("lifecycle", "`run` of `/bin/true`", bundle(work, "true", "/bin/true")));
    w.add(new Workload("syscalls", "`dd if=/dev/zero of=/dev/null bs=1 count=100000`",
        bundle(work, "dd", "dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=100000")));
    w.add(new Workload("processes", "200 × fork+exec of `/bin/true` from sh",
        bundle(work, "fork", "sh", "-c", "i=0; while [ $i -lt 200 ]; do /bin/true; i=$((i+1)); done")));
    Path find = bundle(work, "find", "sh", "-c", "find / -xdev | wc -l");
    for (int d = 0; d < 30; d++) {
      Path dir = Files.createDirectories(find.resolve("rootfs/data/d" + d));
      for (int f = 0; f < 100; f++) {
        Files.writeString(dir.resolve("f" + f), "x");
      }
    }
    w.add(new Workload("files", "`find / -xdev` over a rootfs with 3,000 extra files", find));
    return w;
  }

  static Path bundle(Path work, String name, String... args) throws Exception {
    Path dir = work.resolve(name);
    List<String> cmd = new ArrayList<>(List.of(BIN.resolve("bramble-bundle").toString(), dir.toString(), "--"));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("bramble-bundle failed: " + out);
    }
    return dir;
  }

  /** A copy of a bundle whose config.json carries one more annotation. */
  static Path annotated(Path bundle, String key, String value) throws IOException {
    Path copy = bundle.resolveSibling(bundle.getFileName() + "-" + key.replaceAll("[^a-z]", ""));
    if (!Files.exists(copy)) {
      Files.createDirectories(copy);
      Files.createSymbolicLink(copy.resolve("rootfs"), bundle.resolve("rootfs"));
      String config = Files.readString(bundle.resolve("config.json"));
      config = config.replaceFirst("\"annotations\": \\{", "\"annotations\": {\"" + key + "\": \"" + value + "\",");
      if (!config.contains(key)) {
        config = config.replaceFirst("\\{", "{\"annotations\": {\"" + key + "\": \"" + value + "\"},");
      }
      Files.writeString(copy.resolve("config.json"), config);
    }
    return copy;
  }

  // ---- runtimes -------------------------------------------------------------------------------------------

  static List<Runtime> runtimes(Path work, Workload probe) {
    List<Runtime> r = new ArrayList<>();
    String bramble = BIN.resolve("bramble").toString();
    r.add(new Runtime("bramble", w -> List.of(bramble, "--root", work.resolve("state-b").toString(), "run",
        "--bundle", w.bundle().toString(), id())));
    r.add(new Runtime("bramble trap-all", w -> List.of(bramble, "--root", work.resolve("state-t").toString(), "run",
        "--bundle", uncheck(() -> annotated(w.bundle(), "dev.bramble.trap", "all")).toString(), id())));
    if (installed("runc")) {
      r.add(new Runtime("runc", w -> List.of("runc", "--root", work.resolve("state-r").toString(), "run",
          "--bundle", w.bundle().toString(), id())));
    }
    if (installed("crun") && works("crun", probe, work)) {
      r.add(new Runtime("crun", w -> List.of("crun", "--root", work.resolve("state-c").toString(), "run",
          "--bundle", w.bundle().toString(), id())));
    }
    if (installed("runsc")) {
      r.add(new Runtime("runsc ptrace", w -> List.of("runsc", "--root", work.resolve("state-s").toString(),
          "--platform=ptrace", "--network=none", "run", "--bundle", w.bundle().toString(), id())));
    }
    return r;
  }

  interface IoSupplier<T> {
    T get() throws IOException;
  }

  static <T> T uncheck(IoSupplier<T> s) {
    try {
      return s.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String id() {
    return "bench-" + (++counter);
  }

  static boolean installed(String tool) {
    return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  /** crun fails on some hosts (this hybrid-cgroup VM, for one): only benchmark it where it runs a container. */
  static boolean works(String tool, Workload probe, Path work) {
    try {
      return measure(List.of(tool, "--root", work.resolve("probe-" + tool).toString(), "run", "--bundle",
          probe.bundle().toString(), id())).exit() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  // ---- measuring ------------------------------------------------------------------------------------------

  static Sample measure(List<String> command) throws Exception {
    Path times = Files.createTempFile("bench-time", ".txt");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", times.toString()));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int exit = p.waitFor();
    String[] f = Files.readString(times).trim().split("\\s+");
    Files.delete(times);
    String[] last = Arrays.copyOfRange(f, f.length - 2, f.length);
    return new Sample(Double.parseDouble(last[0]), Long.parseLong(last[1]), exit);
  }

  static double medianSeconds(List<Sample> samples) {
    return median(samples.stream().map(Sample::seconds).toList());
  }

  static double median(List<Double> v) {
    List<Double> s = v.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  // ---- reporting ------------------------------------------------------------------------------------------

  static String report(List<Workload> workloads, List<Runtime> runtimes,
      Map<String, Map<String, List<Sample>>> results) throws Exception {
    StringBuilder b = new StringBuilder();
    b.append("Machine: ").append(machine()).append("; ").append(LocalDate.now()).append("; ").append(runs)
        .append(" runs each, runtimes alternating; wall time median (min–max) and peak RSS of the largest process.\n\n");
    b.append("| workload | runtime | wall s median (min–max) | peak RSS MB | ratio bramble/runtime |\n");
    b.append("|---|---|---|---|---|\n");
    for (Workload w : workloads) {
      Map<String, List<Sample>> by = results.get(w.name());
      double ours = medianSeconds(by.get("bramble"));
      for (Runtime r : runtimes) {
        List<Sample> s = by.get(r.name());
        List<Double> secs = s.stream().map(Sample::seconds).toList();
        double med = median(secs);
        double rss = median(s.stream().map(x -> x.maxRssKb() / 1024.0).toList());
        boolean failed = s.stream().anyMatch(x -> x.exit() != 0);
        String ratio = r.name().startsWith("bramble") ? "—" : String.format(Locale.ROOT, "%.2f", ours / med);
        b.append(String.format(Locale.ROOT, "| %s | %s | %.3f (%.3f–%.3f)%s | %.0f | %s |%n", w.description(),
            r.name(), med, secs.stream().mapToDouble(d -> d).min().orElse(0),
            secs.stream().mapToDouble(d -> d).max().orElse(0), failed ? " (some runs failed)" : "", rss, ratio));
      }
    }
    return b.toString();
  }

  /** The targets, from the medians just measured. */
  static String targets(Map<String, Map<String, List<Sample>>> results) {
    StringBuilder b = new StringBuilder("Targets (medians above):\n\n");
    target(b, results, "lifecycle", "bramble", "runsc ptrace", 1.0, "CLI lifecycle `run /bin/true`: no slower than runsc");
    target(b, results, "syscalls", "bramble", "runc", 1.5, "dd, default mode: within 1.5× of runc (whole process)");
    netTarget(b, results, "syscalls", "bramble", "runc", 1.5, "dd, default mode: within 1.5× of runc, the workload's "
        + "own time (each runtime's dd median minus its `run /bin/true` median)");
    target(b, results, "syscalls", "bramble trap-all", "runsc ptrace", 0.5, "dd, trap-all: at most half of runsc");
    target(b, results, "processes", "bramble", "runsc ptrace", 0.5, "200 × fork+exec: at most half of runsc");
    Map<String, List<Sample>> life = results.get("lifecycle");
    if (life.containsKey("runsc ptrace")) {
      double ours = median(life.get("bramble").stream().map(s -> s.maxRssKb() / 1024.0).toList());
      double theirs = median(life.get("runsc ptrace").stream().map(s -> s.maxRssKb() / 1024.0).toList());
      b.append(String.format(Locale.ROOT, "- peak RSS of the largest process, `run /bin/true`: %.0f MB vs runsc %.0f MB"
          + " — %s%n", ours, theirs, ours <= theirs ? "met" : "not met"));
    }
    return b.toString();
  }

  static void target(StringBuilder b, Map<String, Map<String, List<Sample>>> results, String workload, String ours,
      String peer, double limit, String text) {
    Map<String, List<Sample>> by = results.get(workload);
    if (!by.containsKey(peer) || !by.containsKey(ours)) {
      return;
    }
    double ratio = medianSeconds(by.get(ours)) / medianSeconds(by.get(peer));
    b.append(String.format(Locale.ROOT, "- %s: ratio %.2f — %s%n", text, ratio, ratio <= limit ? "met" : "not met"));
  }

  /**
   * A target on what a workload adds to a runtime's bare lifecycle: whole-process timing charges bramble's JVM start
   * to every workload, which says nothing about how fast the workload itself runs in the sandbox.
   */
  static void netTarget(StringBuilder b, Map<String, Map<String, List<Sample>>> results, String workload, String ours,
      String peer, double limit, String text) {
    Map<String, List<Sample>> by = results.get(workload);
    Map<String, List<Sample>> life = results.get("lifecycle");
    if (!by.containsKey(peer) || !by.containsKey(ours) || !life.containsKey(peer) || !life.containsKey(ours)) {
      return;
    }
    double oursNet = medianSeconds(by.get(ours)) - medianSeconds(life.get(ours));
    double peerNet = medianSeconds(by.get(peer)) - medianSeconds(life.get(peer));
    double ratio = oursNet / peerNet;
    b.append(String.format(Locale.ROOT, "- %s: %.3f s vs %.3f s, ratio %.2f — %s%n", text, oursNet, peerNet, ratio,
        ratio <= limit ? "met" : "not met"));
  }

  /** `ctr run --rm /bin/true` through the bramble shim vs the runc shim, by the shim's own script. */
  static String containerd() throws Exception {
    Path script = REPO.resolve("shim/bench/ctr-run-bench.sh");
    if (!installed("containerd") || !installed("ctr") || !Files.exists(script)) {
      return "";
    }
    Process p = new ProcessBuilder("sh", script.toString(), Integer.toString(runs)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    StringBuilder b = new StringBuilder("Through containerd (`shim/bench/ctr-run-bench.sh`):\n\n```\n");
    out.lines().filter(l -> l.contains("median") || l.contains("RSS") || l.startsWith("ctr run")
        || l.startsWith("shim daemon")).forEach(l -> b.append(l).append('\n'));
    b.append("```\n\n");
    OptionalDouble runc = ctrMedian(out, "runc shim (io.containerd.runc.v2)");
    for (String mode : List.of("bramble shim (io.containerd.bramble.v1)", "bramble shim, namespace mode (warm)")) {
      OptionalDouble ours = ctrMedian(out, mode);
      if (runc.isPresent() && ours.isPresent()) {
        double ratio = ours.getAsDouble() / runc.getAsDouble();
        b.append(String.format(Locale.ROOT, "- `ctr run --rm /bin/true`, %s: no slower than the runc shim: ratio "
            + "%.2f — %s%n", mode.startsWith("bramble shim (") ? "pod mode" : "namespace mode, warm daemon", ratio,
            ratio <= 1.0 ? "met" : "not met"));
      }
    }
    return b.toString();
  }

  /** The median (ms) of one row of ctr-run-bench.sh's output: {@code LABEL  median   161 ms ...}. */
  static OptionalDouble ctrMedian(String out, String label) {
    return out.lines().filter(l -> l.startsWith(label) && l.contains("median")).findFirst()
        .map(l -> l.substring(l.indexOf("median") + 6).trim().split("\\s+")[0])
        .map(v -> OptionalDouble.of(Double.parseDouble(v))).orElse(OptionalDouble.empty());
  }

  static String machine() throws Exception {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse(System.getProperty("os.arch"));
    long cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
    String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    Path aotJava = BIN.resolve("../lib/bramble.aot.java");
    String java = Files.exists(aotJava) ? "bramble on " + Files.readString(aotJava).trim() + " with its AOT cache"
        : "bramble on Java " + System.getProperty("java.version") + " with AppCDS";
    return System.getProperty("os.arch") + ", " + cpus + " vCPU (" + cpu + "), Linux " + kernel + "; " + java;
  }

  /** Bars of bramble's wall-time ratio to each peer, per workload; 1.0 marked. */
  static String svg(List<Workload> workloads, List<Runtime> runtimes,
      Map<String, Map<String, List<Sample>>> results) {
    List<String> peers = runtimes.stream().map(Runtime::name).filter(n -> !n.equals("bramble")).toList();
    int barH = 14, gap = 6, groupGap = 18, left = 260, width = 760;
    double max = 0;
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Workload w : workloads) {
      double ours = medianSeconds(results.get(w.name()).get("bramble"));
      for (String p : peers) {
        double r = ours / medianSeconds(results.get(w.name()).get(p));
        ratios.put(w.name() + " vs " + p, r);
        max = Math.max(max, r);
      }
    }
    max = Math.max(max, 1.2);
    int height = ratios.size() * (barH + gap) + workloads.size() * groupGap + 40;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
        + "font-family='sans-serif' font-size='11'>%n", width, height));
    s.append("<text x='10' y='16' font-size='13'>bramble wall time ÷ peer wall time (lower is better; line = 1.0)"
        + "</text>\n");
    int y = 30;
    String last = "";
    for (Map.Entry<String, Double> e : ratios.entrySet()) {
      String group = e.getKey().substring(0, e.getKey().indexOf(" vs "));
      if (!group.equals(last)) {
        y += groupGap / 2;
        last = group;
      }
      double w = (width - left - 60) * e.getValue() / max;
      s.append(String.format(Locale.ROOT, "<text x='10' y='%d'>%s</text>%n", y + barH - 3, e.getKey()));
      s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'/>%n", left, y, w,
          barH, e.getValue() <= 1.0 ? "#4a8" : "#c64"));
      s.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d'>%.2f</text>%n", left + w + 4, y + barH - 3,
          e.getValue()));
      y += barH + gap;
    }
    double one = left + (width - left - 60) / max;
    s.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='24' x2='%.1f' y2='%d' stroke='#333' "
        + "stroke-dasharray='4 3'/>%n", one, one, y));
    s.append("</svg>\n");
    return s.toString();
  }

  static void updateReadme(String report) throws IOException {
    Path readme = REPO.resolve("README.md");
    String text = Files.readString(readme);
    String begin = "<!-- bench:begin -->", end = "<!-- bench:end -->";
    int i = text.indexOf(begin), j = text.indexOf(end);
    if (i < 0 || j < 0) {
      throw new IllegalStateException("README.md has no " + begin + " ... " + end + " block");
    }
    Files.writeString(readme, text.substring(0, i + begin.length()) + "\n" + report + "\n"
        + text.substring(j));
  }

  static String joined(List<String> l) {
    return l.stream().collect(Collectors.joining(" "));
  }
}
