package dev.bramble.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a mount's {@code options} the way runc does: flag words become mount(2) flags, propagation words become a
 * separate propagation change, everything else is filesystem data ("mode=755", "size=65536k").
 *
 * @param flags flags for the mount call
 * @param clearedFlags flags an option explicitly turned off ("rw", "suid"...)
 * @param propagation propagation flags applied after the mount (MS_PRIVATE|MS_REC...), 0 for none
 * @param data comma-joined filesystem-specific options, or "" for none
 */
public record MountOptions(long flags, long clearedFlags, long propagation, String data) {

  private record Flag(boolean clear, long value) {}

  private static final Map<String, Flag> FLAGS = Map.ofEntries(
      Map.entry("defaults", new Flag(false, 0)),
      Map.entry("ro", new Flag(false, MountFlags.RDONLY)),
      Map.entry("rw", new Flag(true, MountFlags.RDONLY)),
      Map.entry("nosuid", new Flag(false, MountFlags.NOSUID)),
      Map.entry("suid", new Flag(true, MountFlags.NOSUID)),
      Map.entry("nodev", new Flag(false, MountFlags.NODEV)),
      Map.entry("dev", new Flag(true, MountFlags.NODEV)),
      Map.entry("noexec", new Flag(false, MountFlags.NOEXEC)),
      Map.entry("exec", new Flag(true, MountFlags.NOEXEC)),
      Map.entry("sync", new Flag(false, MountFlags.SYNCHRONOUS)),
      Map.entry("async", new Flag(true, MountFlags.SYNCHRONOUS)),
      Map.entry("dirsync", new Flag(false, MountFlags.DIRSYNC)),
      Map.entry("remount", new Flag(false, MountFlags.REMOUNT)),
      Map.entry("mand", new Flag(false, MountFlags.MANDLOCK)),
      Map.entry("nomand", new Flag(true, MountFlags.MANDLOCK)),
      Map.entry("noatime", new Flag(false, MountFlags.NOATIME)),
      Map.entry("atime", new Flag(true, MountFlags.NOATIME)),
      Map.entry("nodiratime", new Flag(false, MountFlags.NODIRATIME)),
      Map.entry("diratime", new Flag(true, MountFlags.NODIRATIME)),
      Map.entry("relatime", new Flag(false, MountFlags.RELATIME)),
      Map.entry("norelatime", new Flag(true, MountFlags.RELATIME)),
      Map.entry("strictatime", new Flag(false, MountFlags.STRICTATIME)),
      Map.entry("nostrictatime", new Flag(true, MountFlags.STRICTATIME)),
      Map.entry("lazytime", new Flag(false, MountFlags.LAZYTIME)),
      Map.entry("nolazytime", new Flag(true, MountFlags.LAZYTIME)),
      Map.entry("iversion", new Flag(false, MountFlags.I_VERSION)),
      Map.entry("noiversion", new Flag(true, MountFlags.I_VERSION)),
      Map.entry("nosymfollow", new Flag(false, MountFlags.NOSYMFOLLOW)),
      Map.entry("silent", new Flag(false, MountFlags.SILENT)),
      Map.entry("loud", new Flag(true, MountFlags.SILENT)),
      Map.entry("bind", new Flag(false, MountFlags.BIND)),
      Map.entry("rbind", new Flag(false, MountFlags.BIND | MountFlags.REC)));

  private static final Map<String, Long> PROPAGATION = Map.of(
      "private", MountFlags.PRIVATE,
      "rprivate", MountFlags.PRIVATE | MountFlags.REC,
      "shared", MountFlags.SHARED,
      "rshared", MountFlags.SHARED | MountFlags.REC,
      "slave", MountFlags.SLAVE,
      "rslave", MountFlags.SLAVE | MountFlags.REC,
      "unbindable", MountFlags.UNBINDABLE,
      "runbindable", MountFlags.UNBINDABLE | MountFlags.REC);

  /** Options runc knows that bramble does not implement yet: refused rather than silently ignored. */
  private static final List<String> UNSUPPORTED = List.of("idmap", "ridmap", "tmpcopyup", "rro", "rrw",
      "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime", "rdiratime", "rrelatime",
      "rnorelatime", "rnoatime", "ratime", "rstrictatime", "rnostrictatime", "rnosymfollow", "rsymfollow");

  /**
   * @throws ConfigException naming {@code jsonPath} for an option bramble cannot honour
   */
  public static MountOptions parse(List<String> options, String jsonPath) {
    long flags = 0, cleared = 0, propagation = 0;
    List<String> data = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      Flag f = FLAGS.get(o);
      if (f != null) {
        if (f.clear()) {
          flags &= ~f.value();
          cleared |= f.value();
        } else {
          flags |= f.value();
          cleared &= ~f.value();
        }
      } else if (PROPAGATION.containsKey(o)) {
        propagation |= PROPAGATION.get(o);
      } else if (UNSUPPORTED.contains(o)) {
        throw new ConfigException(jsonPath + "[" + i + "]", "mount option \"" + o + "\" is not supported by bramble yet",
            "remove the option or run this container with runc");
      } else {
        data.add(o);
      }
    }
    return new MountOptions(flags, cleared, propagation, String.join(",", data));
  }

  public boolean bind() {
    return (flags & MountFlags.BIND) != 0;
  }

  /** Flags that a bind mount can only get through a second, remounting mount call. */
  public long remountFlags() {
    return flags & ~(MountFlags.BIND | MountFlags.REC | MountFlags.REMOUNT);
  }
}
