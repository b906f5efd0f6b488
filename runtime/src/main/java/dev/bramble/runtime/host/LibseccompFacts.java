package dev.bramble.runtime.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libseccomp the sentry compiles its filters with, found by file name in the dynamic loader's usual directories
 * (no native call): the version is the suffix of the target of the {@code libseccomp.so.2} link the sentry loads, or
 * where there is no such link, of the newest {@code libseccomp.so.2.5.4}-style file.
 *
 * @param path the library file found, empty when none
 * @param version its version, e.g. 2.5.4, when the file name tells
 */
public record LibseccompFacts(Optional<String> path, Optional<String> version, String source) {
  private static final Pattern VERSIONED = Pattern.compile("libseccomp\\.so\\.(2(?:\\.\\d+)+)");

  /** Where the loader looks, for each multiarch triplet, in the order ld.so searches. */
  static List<String> directories(String unameMachine) {
    String triplet = switch (unameMachine) {
      case "x86_64" -> "x86_64-linux-gnu";
      case "aarch64" -> "aarch64-linux-gnu";
      default -> unameMachine + "-linux-gnu";
    };
    return List.of(
        "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib");
  }

  public static LibseccompFacts read(HostFiles files, String unameMachine) {
    List<String> dirs = directories(unameMachine);
    for (String dir : dirs) {
      // the soname link is what the loader opens (and one readlink, where listing a lib directory of ~800 files
      // cost ~5 ms of every create); a directory without it is searched for versioned files
      String soname = dir + "/libseccomp.so.2";
      Optional<String> target = files.symlinkTarget(soname);
      if (target.isPresent()) {
        return new LibseccompFacts(
            Optional.of(soname), versionOf(target.get().substring(target.get().lastIndexOf('/') + 1)), dir);
      }
      List<String> names = files.list(dir);
      Optional<String> best =
          names.stream().filter(n -> VERSIONED.matcher(n).matches()).max(LibseccompFacts::compareVersions);
      if (best.isPresent()) {
        return new LibseccompFacts(Optional.of(dir + "/" + best.get()), versionOf(best.get()), dir);
      }
      if (names.contains("libseccomp.so.2")) {
        return new LibseccompFacts(Optional.of(soname), Optional.empty(), dir);
      }
    }
    return new LibseccompFacts(Optional.empty(), Optional.empty(), "searched " + String.join(", ", dirs));
  }

  /** True when the version is known and at least {@code major.minor}. */
  public boolean atLeast(int major, int minor) {
    return version
        .map(v -> {
          String[] parts = v.split("\\.");
          int ma = Integer.parseInt(parts[0]);
          int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
          return ma > major || (ma == major && mi >= minor);
        })
        .orElse(false);
  }

  private static Optional<String> versionOf(String fileName) {
    Matcher m = VERSIONED.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static int compareVersions(String a, String b) {
    List<Integer> x = numbers(a);
    List<Integer> y = numbers(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      int c = Integer.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static List<Integer> numbers(String name) {
    List<Integer> out = new ArrayList<>();
    for (String p : versionOf(name).orElse("0").split("\\.")) {
      out.add(Integer.parseInt(p));
    }
    return out;
  }
}
