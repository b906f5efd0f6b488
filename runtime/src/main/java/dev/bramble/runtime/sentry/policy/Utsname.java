package dev.bramble.runtime.sentry.policy;

import dev.bramble.runtime.linux.ProcFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code struct utsname} the sentry writes for an emulated uname(2): six NUL-terminated fields of 65 bytes
 * (sysname, nodename, release, version, machine, domainname), the same layout on x86_64 and aarch64.
 */
public record Utsname(String sysname, String nodename, String release, String version, String machine,
    String domainname) {
  public static final int FIELD = 65;
  public static final int SIZE = 6 * FIELD;

  /**
   * What a container sees: its configured hostname and domainname (when unset, a new UTS namespace starts as a copy
   * of the host's, so the host's), the release the annotation asks for or the host's, the host's version, and the
   * architecture.
   */
  public static Utsname forContainer(Utsname host, String hostname, String domainname, Optional<String> release) {
    return new Utsname("Linux", nonEmpty(hostname, host.nodename()), release.orElse(host.release()), host.version(),
        host.machine(), nonEmpty(domainname, host.domainname()));
  }

  /** The host's values, read from /proc/sys/kernel (the sentry runs in the host's UTS namespace). */
  public static Utsname host(String machine) {
    return new Utsname("Linux", kernel("hostname"), kernel("osrelease"), kernel("version"), machine,
        kernel("domainname"));
  }

  private static String kernel(String name) {
    try {
      return ProcFs.read(Path.of("/proc/sys/kernel", name)).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** The 390 bytes the kernel would have copied out; longer values are cut to 64 bytes, as the kernel limits them. */
  public byte[] bytes() {
    byte[] out = new byte[SIZE];
    String[] fields = {sysname, nodename, release, version, machine, domainname};
    for (int i = 0; i < fields.length; i++) {
      byte[] b = fields[i].getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, out, i * FIELD, Math.min(b.length, FIELD - 1));
    }
    return out;
  }
}
