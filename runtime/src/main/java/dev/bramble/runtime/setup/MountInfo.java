package dev.bramble.runtime.setup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One line of /proc/PID/mountinfo (proc(5)): "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw".
 * Octal escapes (\040 for space) in paths are decoded.
 */
public record MountInfo(int id, int parentId, String root, String mountPoint, String mountOptions,
    List<String> optionalFields, String fsType, String source, String superOptions) {

  public static List<MountInfo> parse(String text) {
    List<MountInfo> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (dash < 6 || f.length < dash + 4) {
        throw new IllegalArgumentException("malformed mountinfo line: " + line);
      }
      out.add(new MountInfo(Integer.parseInt(f[0]), Integer.parseInt(f[1]), unescape(f[3]), unescape(f[4]), f[5],
          List.of(f).subList(6, dash), f[dash + 1], unescape(f[dash + 2]), f[dash + 3]));
    }
    return out;
  }

  /** The mount whose mount point is the longest prefix of {@code path} (the mount that contains it). */
  public static Optional<MountInfo> containing(List<MountInfo> mounts, String path) {
    return mounts.stream()
        .filter(m -> path.equals(m.mountPoint()) || m.mountPoint().equals("/")
            || path.startsWith(m.mountPoint() + "/"))
        .max(Comparator.comparingInt((MountInfo m) -> m.mountPoint().length())
            .thenComparingInt(m -> mounts.indexOf(m)));
  }

  public boolean shared() {
    return optionalFields.stream().anyMatch(o -> o.startsWith("shared:"));
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
