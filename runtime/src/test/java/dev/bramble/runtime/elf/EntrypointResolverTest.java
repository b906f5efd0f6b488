package dev.bramble.runtime.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrypointResolverTest {
  static final List<String> ENV = List.of("HOME=/root", "PATH=/usr/local/bin:/usr/bin:/bin");

  @TempDir Path dir;
  Path rootfs;

  @BeforeEach
  void busyboxRootfs() throws IOException {
    Path busybox = Path.of("/bin/busybox");
    assumeTrue(Files.isRegularFile(busybox), "busybox-static is not installed");
    rootfs = Files.createDirectories(dir.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("bin"));
    Files.createDirectories(rootfs.resolve("usr/bin"));
    Files.copy(busybox.toRealPath(), rootfs.resolve("bin/busybox"));
    Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
  }

  private Entrypoint resolve(List<String> args, List<String> env, String cwd) throws EntrypointException {
    return new EntrypointResolver(rootfs).resolve(args, env, cwd);
  }

  private String failure(List<String> args, List<String> env, String cwd) {
    return assertThrows(EntrypointException.class, () -> resolve(args, env, cwd)).getMessage();
  }

  private Path script(String path, String text, String mode) throws IOException {
    Path file = rootfs.resolve(path.substring(1));
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void aBareNameIsSearchedAlongThePathOfProcessEnv() throws Exception {
    Entrypoint e = resolve(List.of("sh", "-c", "true"), ENV, "/");

    assertEquals("/bin/busybox", e.executable().containerPath());
    assertEquals(Optional.empty(), e.loader());
    assertTrue(e.describe().startsWith("sh → /bin/busybox (ELF 64-bit LSB executable"), e.describe());
  }

  @Test
  void theLastPathEntryOfTheEnvironmentWins() throws Exception {
    Entrypoint e = resolve(List.of("sh"), List.of("PATH=/nowhere", "PATH=/bin"), "/");

    assertEquals("/bin/busybox", e.executable().containerPath());
  }

  @Test
  void aBareNameWithoutPathInTheEnvironmentIsExplained() {
    String message = failure(List.of("sh"), List.of("HOME=/"), "/");

    assertTrue(message.contains("process.env sets no PATH"), message);
    assertTrue(message.contains("/bin/sh"), message);
  }

  @Test
  void aNameMissingFromEveryPathDirectoryNamesThePath() {
    String message = failure(List.of("nginx"), ENV, "/");

    assertTrue(message.contains("'nginx' was not found in the rootfs along PATH=/usr/local/bin:/usr/bin:/bin"),
        message);
  }

  @Test
  void aNonExecutableCandidateIsSkippedInThePathSearch() throws Exception {
    script("/usr/bin/tool", "#!/bin/sh\n", "rw-r--r--");
    script("/bin/tool", "#!/bin/sh\necho\n", "rwxr-xr-x");

    assertEquals("/bin/tool", resolve(List.of("tool"), ENV, "/").chain().get(0).containerPath());
  }

  @Test
  void aScriptLeadsToItsInterpreter() throws Exception {
    script("/usr/bin/entry.sh", "#!/bin/sh -e\nexec \"$@\"\n", "rwxr-xr-x");

    Entrypoint e = resolve(List.of("/usr/bin/entry.sh"), ENV, "/");

    assertEquals(List.of("/usr/bin/entry.sh", "/bin/busybox"),
        e.chain().stream().map(RootfsPath::containerPath).toList());
  }

  @Test
  void aScriptWhoseInterpreterIsMissingSaysWhich() throws Exception {
    script("/app/run", "#!/bin/bash\necho hi\n", "rwxr-xr-x");

    String message = failure(List.of("/app/run"), ENV, "/");

    assertTrue(message.contains("/app/run names #!/bin/bash, but /bin/bash: no such file or directory"), message);
  }

  @Test
  void nestedInterpretersAreLimitedLikeTheKernel() throws Exception {
    for (int i = 0; i < 6; i++) {
      script("/s" + i, "#!/s" + (i + 1) + "\n", "rwxr-xr-x");
    }

    String message = failure(List.of("/s0"), ENV, "/");

    assertTrue(message.contains("nested #! interpreters"), message);
  }

  @Test
  void aFileThatIsNeitherElfNorScriptIsAnExecFormatError() throws Exception {
    script("/app/data", "PK\u0003\u0004 a zip file", "rwxr-xr-x");

    String message = failure(List.of("/app/data"), ENV, "/");

    assertTrue(message.contains("neither an ELF binary nor a #! script"), message);
    assertTrue(message.contains("exec format error"), message);
  }

  @Test
  void aFileWithoutExecuteBitsIsPermissionDenied() throws Exception {
    script("/app/run", "#!/bin/sh\n", "rw-r--r--");

    String message = failure(List.of("/app/run"), ENV, "/");

    assertTrue(message.contains("not executable"), message);
    assertTrue(message.contains("permission denied"), message);
  }

  @Test
  void aDirectoryIsNotAProgram() {
    String message = failure(List.of("/bin"), ENV, "/");

    assertTrue(message.contains("/bin is a directory"), message);
  }

  @Test
  void aMissingDynamicLoaderIsReportedWithTheProgram() throws Exception {
    TestElf.native64(62).interpreter("/lib/ld-musl-x86_64.so.1").load(0, 0x400000, 0x1000)
        .writeTo(rootfs.resolve("app/server"));

    Entrypoint e = resolve(List.of("/app/server"), ENV, "/");

    String problem = e.loaderProblem().orElseThrow();
    assertTrue(problem.contains("needs the dynamic loader /lib/ld-musl-x86_64.so.1 (PT_INTERP)"), problem);
    assertTrue(problem.contains("'no such file or directory' for /app/server itself"), problem);
  }

  @Test
  void aPresentDynamicLoaderIsReadToo() throws Exception {
    TestElf.native64(62).interpreter("/lib/ld.so").load(0, 0x400000, 0x1000).writeTo(rootfs.resolve("app/server"));
    TestElf.native64(62).load(0, 0, 0x1000).writeTo(rootfs.resolve("lib/ld.so"));

    Entrypoint e = resolve(List.of("/app/server"), ENV, "/");

    assertEquals("/lib/ld.so", e.loader().orElseThrow().path().containerPath());
    assertEquals(62, e.loader().get().elf().machine());
  }

  @Test
  void aRelativeEntrypointStartsAtTheWorkingDirectory() throws Exception {
    script("/srv/app", "#!/bin/sh\n", "rwxr-xr-x");

    assertEquals("/srv/app", resolve(List.of("./app"), ENV, "/srv").chain().get(0).containerPath());
  }

  @Test
  void emptyArgsHaveNothingToRun() {
    assertTrue(failure(List.of(), ENV, "/").contains("process.args is empty"));
  }

  @Test
  void aBrokenElfIsAnExecFormatError() throws Exception {
    Path file = rootfs.resolve("app/broken");
    Files.createDirectories(file.getParent());
    Files.write(file, java.util.Arrays.copyOf(TestElf.native64(62).load(0, 0, 0x1000).bytes(), 30));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));

    String message = failure(List.of("/app/broken"), ENV, "/");

    assertTrue(message.contains("/app/broken: truncated"), message);
    assertTrue(message.contains("exec format error"), message);
  }
}
