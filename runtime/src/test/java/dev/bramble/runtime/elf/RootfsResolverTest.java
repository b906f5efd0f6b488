package dev.bramble.runtime.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsResolverTest {
  @TempDir Path dir;
  Path rootfs;
  RootfsResolver resolver;

  @BeforeEach
  void rootfs() throws IOException {
    rootfs = Files.createDirectories(dir.resolve("bundle/rootfs"));
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("usr/lib"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("bin/busybox"), "busybox");
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:container\n");
    Files.writeString(dir.resolve("secret"), "the host's file");
    resolver = new RootfsResolver(rootfs);
  }

  private void link(String at, String target) throws IOException {
    Files.createSymbolicLink(rootfs.resolve(at.substring(1)), Path.of(target));
  }

  @Test
  void followsRelativeSymlinksInsideTheRootfs() throws Exception {
    link("/bin/sh", "busybox");

    RootfsPath sh = resolver.resolve("/", "/bin/sh");

    assertEquals("/bin/busybox", sh.containerPath());
    assertEquals(rootfs.resolve("bin/busybox"), sh.hostPath());
  }

  @Test
  void anAbsoluteSymlinkTargetStartsAtTheRootfsNotTheHost() throws Exception {
    link("/bin/passwd-link", "/etc/passwd");

    RootfsPath p = resolver.resolve("/", "/bin/passwd-link");

    assertEquals(rootfs.resolve("etc/passwd"), p.hostPath());
    assertEquals("root:x:0:0:container\n", Files.readString(p.hostPath()));
  }

  @Test
  void dotDotInASymlinkStopsAtTheRootfsRoot() throws Exception {
    link("/bin/escape", "../../../../secret");

    RootfsPathException e = assertThrows(RootfsPathException.class, () -> resolver.resolve("/", "/bin/escape"));

    assertEquals(RootfsPathException.Kind.NOT_FOUND, e.kind());
    assertEquals("/secret", e.containerPath(), "clamped to the rootfs's /secret, never the host's");
  }

  @Test
  void anAbsoluteSymlinkWithDotDotCannotEscapeEither() throws Exception {
    link("/bin/escape", "/../../etc/passwd");

    assertEquals(rootfs.resolve("etc/passwd"), resolver.resolve("/", "/bin/escape").hostPath());
  }

  @Test
  void dotDotInTheRequestedPathIsClampedToo() throws Exception {
    assertEquals(rootfs.resolve("bin/busybox"), resolver.resolve("/", "/../../../bin/busybox").hostPath());
  }

  @Test
  void aSymlinkedDirectoryIsResolvedComponentByComponent() throws Exception {
    link("/lib", "usr/lib");
    Files.writeString(rootfs.resolve("usr/lib/ld.so"), "loader");

    RootfsPath p = resolver.resolve("/", "/lib/ld.so");

    assertEquals("/usr/lib/ld.so", p.containerPath());
  }

  @Test
  void aDirectorySymlinkToTheHostRootStaysInside() throws Exception {
    link("/hostroot", "/");

    RootfsPath p = resolver.resolve("/", "/hostroot/etc/passwd");

    assertEquals(rootfs.resolve("etc/passwd"), p.hostPath());
  }

  @Test
  void symlinkLoopsAreReported() throws Exception {
    link("/bin/a", "b");
    link("/bin/b", "a");

    RootfsPathException e = assertThrows(RootfsPathException.class, () -> resolver.resolve("/", "/bin/a"));

    assertEquals(RootfsPathException.Kind.SYMLINK_LOOP, e.kind());
  }

  @Test
  void aFileUsedAsADirectoryIsReported() {
    RootfsPathException e =
        assertThrows(RootfsPathException.class, () -> resolver.resolve("/", "/bin/busybox/sh"));

    assertEquals(RootfsPathException.Kind.NOT_A_DIRECTORY, e.kind());
    assertEquals("/bin/busybox", e.containerPath());
  }

  @Test
  void relativePathsStartAtTheWorkingDirectory() throws Exception {
    assertEquals("/bin/busybox", resolver.resolve("/bin", "./busybox").containerPath());
    assertEquals("/bin/busybox", resolver.resolve("/etc", "../bin/busybox").containerPath());
  }

  @Test
  void everyResolvedPathIsUnderTheRootfs() throws Exception {
    link("/bin/x1", "/../..");
    Files.createDirectories(rootfs.resolve("bin/x1-dir"));

    RootfsPath p = resolver.resolve("/", "/bin/x1/etc/passwd");

    assertTrue(p.hostPath().startsWith(rootfs), p.hostPath().toString());
  }
}
