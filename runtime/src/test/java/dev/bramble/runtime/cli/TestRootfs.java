package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A minimal rootfs for tests: the host's static busybox as /bin/busybox with an sh link. */
final class TestRootfs {
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  private TestRootfs() {}

  static void busybox(Path rootfs) throws IOException {
    assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at " + BUSYBOX);
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
    for (String dir : new String[] {"proc", "dev", "sys", "tmp", "etc"}) {
      Files.createDirectories(rootfs.resolve(dir));
    }
  }
}
