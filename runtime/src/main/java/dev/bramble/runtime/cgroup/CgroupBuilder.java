package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.error.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a container's cgroup directories: one per hierarchy, parents included. In a cgroup v1 cpuset hierarchy a
 * new cgroup starts with no CPUs and no memory nodes (a process cannot join it), so each new level copies its
 * parent's; in cgroup v2 every ancestor is asked to hand its controllers down (cgroup.subtree_control), as runc
 * does, so that the container's directory has them.
 */
final class CgroupBuilder {
  /** Controllers cgroup v2 could not enable for the container, with the kernel's reason (for later messages). */
  private final Map<String, String> enableFailures = new LinkedHashMap<>();

  Map<String, String> enableFailures() {
    return enableFailures;
  }

  /** Creates every directory; on failure the caller removes what {@code created} lists. */
  List<CgroupDir> build(Map<Hierarchy, String> paths, List<CgroupDir> created) {
    for (Map.Entry<Hierarchy, String> e : paths.entrySet()) {
      Hierarchy h = e.getKey();
      String cgroup = e.getValue();
      Path dir = h.dirOf(cgroup);
      try {
        Files.createDirectories(dir);
      } catch (IOException ex) {
        throw new BrambleException("create cgroup " + cgroup + " in " + h.describe() + ": mkdir " + dir + ": "
            + IoReasons.describe(ex) + "; check that bramble runs as root and that linux.cgroupsPath is right", ex);
      }
      List<String> controllers;
      if (h.unified()) {
        enableControllers(h, cgroup);
        controllers = CgroupFiles.read(dir, "cgroup.controllers")
            .map(line -> Arrays.stream(line.split("\\s+")).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
      } else {
        if (h.has("cpuset")) {
          inheritCpuset(h, cgroup);
        }
        controllers = h.controllers().stream().sorted().toList();
      }
      created.add(new CgroupDir(h.key(), h.unified(), controllers, cgroup, dir.toString()));
    }
    return created;
  }

  /** Each level from the hierarchy's top down to the container's parent hands down every controller it has. */
  private void enableControllers(Hierarchy h, String cgroup) {
    for (String level : ancestors(h, cgroup)) {
      Path dir = h.dirOf(level);
      List<String> offered = words(CgroupFiles.read(dir, "cgroup.controllers").orElse(""));
      List<String> enabled = words(CgroupFiles.read(dir, "cgroup.subtree_control").orElse(""));
      for (String c : offered) {
        if (enabled.contains(c)) {
          continue;
        }
        try {
          CgroupFiles.write(dir, "cgroup.subtree_control", "+" + c);
        } catch (IOException ex) {
          // EBUSY: processes live in this cgroup (cgroup v2's "no internal processes" rule)
          enableFailures.putIfAbsent(c, "enabling it in " + dir.resolve("cgroup.subtree_control") + " failed: "
              + IoReasons.describe(ex));
        }
      }
    }
  }

  /** The cgroups from the mounted top of the hierarchy down to (not including) {@code cgroup}. */
  private static List<String> ancestors(Hierarchy h, String cgroup) {
    List<String> out = new ArrayList<>();
    String top = CgroupPaths.clean(h.root());
    String level = CgroupPaths.parent(CgroupPaths.clean(cgroup));
    while (true) {
      out.add(0, level);
      if (level.equals(top) || level.equals("/")) {
        break;
      }
      level = CgroupPaths.parent(level);
    }
    return out;
  }

  private static void inheritCpuset(Hierarchy h, String cgroup) {
    List<String> levels = ancestors(h, cgroup);
    levels.add(CgroupPaths.clean(cgroup));
    for (int i = 1; i < levels.size(); i++) {
      Path parent = h.dirOf(levels.get(i - 1));
      Path dir = h.dirOf(levels.get(i));
      for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
        if (CgroupFiles.read(dir, file).orElse("").isEmpty()) {
          String value = CgroupFiles.read(parent, file).orElse("");
          try {
            CgroupFiles.write(dir, file, value.isEmpty() ? "\n" : value);
          } catch (IOException ex) {
            throw new BrambleException("create cgroup " + cgroup + ": copy " + file + " (" + value + ") from "
                + parent + " to " + dir + ": " + IoReasons.describe(ex) + "; check the parent's cpuset", ex);
          }
        }
      }
    }
  }

  private static List<String> words(String line) {
    return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
