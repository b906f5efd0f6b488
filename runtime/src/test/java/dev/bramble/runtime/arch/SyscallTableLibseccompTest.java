package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-checks the generated tables against libseccomp's own per-arch tables through {@code scmp_sys_resolver}
 * (Debian package {@code seccomp}); skipped when it is not installed. This matters because the sentry's filters are
 * compiled by libseccomp while its handlers use these tables.
 */
class SyscallTableLibseccompTest {

  @ParameterizedTest
  @EnumSource(Arch.class)
  void libseccompResolvesEveryNameToTheSameNumber(Arch arch) throws Exception {
    SyscallTable table = arch.syscalls();
    List<String> names = new ArrayList<>(table.names());
    List<Long> resolved = resolve(arch, names);
    List<String> mismatches = new ArrayList<>();
    int unknownToLibseccomp = 0;
    for (int i = 0; i < names.size(); i++) {
      long theirs = resolved.get(i);
      if (theirs < 0) {
        unknownToLibseccomp++; // a syscall newer than the installed libseccomp
      } else if (theirs != table.require(names.get(i))) {
        mismatches.add(names.get(i) + ": ours " + table.require(names.get(i)) + ", libseccomp " + theirs);
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(unknownToLibseccomp <= 10, unknownToLibseccomp + " names unknown to libseccomp: stale resolver?");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyNameLibseccompKnowsForTheArchIsInTheTable(Arch arch) throws Exception {
    // Probe with the union of both tables: names of the other arch that libseccomp maps to a real number here
    // would be syscalls our generator missed.
    Set<String> probe = new LinkedHashSet<>();
    for (Arch a : Arch.values()) {
      probe.addAll(a.syscalls().names());
    }
    List<String> names = new ArrayList<>(probe);
    List<Long> resolved = resolve(arch, names);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      OptionalInt ours = arch.syscalls().number(names.get(i));
      if (resolved.get(i) >= 0 && ours.isEmpty()) {
        missing.add(names.get(i) + " (" + resolved.get(i) + ")");
      }
    }
    assertEquals(List.of(), missing);
    if (arch == Arch.AARCH64) {
      assertTrue(resolved.get(names.indexOf("fork")) < 0, "libseccomp agrees aarch64 has no fork");
    }
  }

  /** One shell, one resolver call per name, so ~700 lookups cost one process start from Java. */
  private static List<Long> resolve(Arch arch, List<String> names) throws IOException, InterruptedException {
    Optional<Path> resolver = HostTools.find("scmp_sys_resolver");
    assumeTrue(resolver.isPresent(), "scmp_sys_resolver not installed (apt-get install seccomp)");
    String script = "while read n; do \"$0\" -a \"$1\" \"$n\" || echo FAIL; done";
    String out =
        HostTools.run(
            List.of("sh", "-c", script, resolver.get().toString(), arch.unameName()),
            String.join("\n", names) + "\n");
    String[] lines = out.split("\n");
    assertEquals(names.size(), lines.length, "one answer per name");
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      assertTrue(lines[i].matches("-?[0-9]+"), names.get(i) + " -> " + lines[i]);
      numbers.add(Long.parseLong(lines[i]));
    }
    return numbers;
  }
}
