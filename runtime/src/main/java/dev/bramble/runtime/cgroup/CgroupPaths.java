package dev.bramble.runtime.cgroup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Cgroup path text: lexical cleaning (like Go's path.Clean on a rooted path) and /proc/PID/cgroup parsing. */
public final class CgroupPaths {
  private CgroupPaths() {}

  /**
   * The path made absolute and clean: "//a/./b/../c/" becomes "/a/c". ".." never climbs above "/", so no cgroup
   * path can name a directory outside the hierarchy it is resolved in.
   */
  public static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** The parent of a clean path; "/" for "/" and for top-level paths. */
  public static String parent(String cleanPath) {
    int slash = cleanPath.lastIndexOf('/');
    return slash <= 0 ? "/" : cleanPath.substring(0, slash);
  }

  /**
   * /proc/PID/cgroup as hierarchy key → cgroup path: "4:memory:/a/b" gives "memory" → "/a/b", "0::/c" gives
   * "" → "/c".
   */
  public static Map<String, String> parseProcCgroup(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(":", 3);
      if (f.length == 3) {
        out.put(f[1], f[2]);
      }
    }
    return out;
  }
}
