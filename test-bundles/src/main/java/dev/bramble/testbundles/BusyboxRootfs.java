package dev.bramble.testbundles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a minimal root filesystem around Debian's static busybox: the binary, a relative symlink
 * for every applet it lists, the usual top-level directories, and /etc files with root and a
 * non-root user (uid/gid 1000 "user"). Needs no root; ownership of /home/user is only set when
 * running as root.
 */
public final class BusyboxRootfs {
  /** Where Debian's busybox-static installs the binary. */
  public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");

  /** The remedy when busybox is missing or unusable. */
  public static final String INSTALL_HINT =
      "install busybox-static: apt-get install -y busybox-static";

  /** uid and gid of the non-root user in /etc/passwd. */
  public static final int USER_ID = 1000;

  private static final List<String> DIRECTORIES =
      List.of(
          "bin",
          "sbin",
          "usr/bin",
          "usr/sbin",
          "dev",
          "proc",
          "sys",
          "tmp",
          "etc",
          "root",
          "home/user",
          "run",
          "var/tmp");

  private BusyboxRootfs() {}

  /**
   * Populates {@code rootfs} (created if missing; must not already hold a bin/busybox).
   *
   * @throws IOException naming the file involved; a missing or dynamic busybox says how to fix it
   */
  public static void build(Path rootfs, Path busybox, String hostname) throws IOException {
    requireStaticBusybox(busybox);
    for (String dir : DIRECTORIES) {
      Files.createDirectories(rootfs.resolve(dir));
    }
    // sticky and world-writable; PosixFilePermissions cannot express the sticky bit
    Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
    Files.setAttribute(rootfs.resolve("var/tmp"), "unix:mode", 01777);
    Files.setPosixFilePermissions(
        rootfs.resolve("root"), PosixFilePermissions.fromString("rwx------"));

    Path target = rootfs.resolve("bin/busybox");
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(
          target.toString(), null, "rootfs already populated; use an empty bundle directory");
    }
    Files.copy(busybox, target, StandardCopyOption.COPY_ATTRIBUTES);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String applet : applets(busybox)) {
      Path link = rootfs.resolve(applet);
      if (link.equals(target) || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.createDirectories(link.getParent());
      // relative, so the link works both inside the container and when inspected from the host
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    }
    writeEtc(rootfs, hostname);
    chownHomeIfRoot(rootfs.resolve("home/user"));
  }

  /** The applet paths busybox reports, relative to / (e.g. "bin/sh", "usr/bin/awk"). */
  static List<String> applets(Path busybox) throws IOException {
    Process process =
        new ProcessBuilder(busybox.toString(), "--list-full")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(busybox + " --list-full failed; " + INSTALL_HINT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing busybox applets", e);
    }
    List<String> applets = new ArrayList<>();
    for (String line : output.split("\n")) {
      String applet = line.strip().replaceFirst("^/+", "");
      // refuse anything that could escape the rootfs
      if (!applet.isEmpty() && !applet.contains("..")) {
        applets.add(applet);
      }
    }
    if (applets.isEmpty()) {
      throw new IOException(busybox + " --list-full printed no applets; " + INSTALL_HINT);
    }
    return applets;
  }

  static void requireStaticBusybox(Path busybox) throws IOException {
    if (!Files.isRegularFile(busybox)) {
      throw new IOException("busybox not found at " + busybox + "; " + INSTALL_HINT);
    }
    if (!Files.isExecutable(busybox)) {
      throw new IOException(busybox + " is not executable; " + INSTALL_HINT);
    }
    if (!StaticBinaryCheck.isStaticElf(busybox)) {
      throw new IOException(
          busybox
              + " is not a statically linked ELF executable, so it cannot run in a rootfs without"
              + " libc; "
              + INSTALL_HINT);
    }
  }

  private static void writeEtc(Path rootfs, String hostname) throws IOException {
    Path etc = rootfs.resolve("etc");
    Files.writeString(
        etc.resolve("passwd"),
        """
        root:x:0:0:root:/root:/bin/sh
        user:x:1000:1000:user:/home/user:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/bin/false
        """);
    // tty (5) is the group the default devpts mount uses (gid=5)
    Files.writeString(
        etc.resolve("group"),
        """
        root:x:0:
        tty:x:5:
        user:x:1000:
        nogroup:x:65534:
        """);
    String name = hostname == null || hostname.isEmpty() ? "localhost" : hostname;
    Files.writeString(etc.resolve("hostname"), name + "\n");
    Files.writeString(
        etc.resolve("hosts"),
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t"
            + name
            + "\n");
  }

  private static void chownHomeIfRoot(Path home) throws IOException {
    // /proc/self is owned by the effective uid; chown needs root
    if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) != 0) {
      return;
    }
    Files.setAttribute(home, "unix:uid", USER_ID);
    Files.setAttribute(home, "unix:gid", USER_ID);
  }
}
