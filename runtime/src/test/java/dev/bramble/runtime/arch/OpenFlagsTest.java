package dev.bramble.runtime.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenFlagsTest {
  @Test
  void theFourArchSpecificFlagsDiffer() {
    OpenFlags x86 = OpenFlags.of(Arch.X86_64);
    OpenFlags arm = OpenFlags.of(Arch.AARCH64);
    assertEquals(0200000, x86.directory());
    assertEquals(040000, arm.directory());
    assertEquals(0400000, x86.noFollow());
    assertEquals(0100000, arm.noFollow());
    assertEquals(040000, x86.direct());
    assertEquals(0200000, arm.direct());
    assertEquals(020200000, x86.tmpfile());
    assertEquals(020040000, arm.tmpfile());
  }

  /** Compares with the kernel uapi headers through each arch's preprocessor (skipped when it is missing). */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void matchesTheUapiHeaders(Arch arch) throws Exception {
    String cpp = arch == Arch.X86_64 ? "x86_64-linux-gnu-cpp" : "aarch64-linux-gnu-cpp";
    if (HostTools.find(cpp).isEmpty() && arch == Arch.host()) {
      cpp = "cpp";
    }
    assumeTrue(HostTools.find(cpp).isPresent(), cpp + " not installed");
    OpenFlags f = OpenFlags.of(arch);
    Map<String, Integer> ours = new HashMap<>();
    ours.put("O_RDONLY", OpenFlags.O_RDONLY);
    ours.put("O_WRONLY", OpenFlags.O_WRONLY);
    ours.put("O_RDWR", OpenFlags.O_RDWR);
    ours.put("O_CREAT", OpenFlags.O_CREAT);
    ours.put("O_EXCL", OpenFlags.O_EXCL);
    ours.put("O_NOCTTY", OpenFlags.O_NOCTTY);
    ours.put("O_TRUNC", OpenFlags.O_TRUNC);
    ours.put("O_APPEND", OpenFlags.O_APPEND);
    ours.put("O_NONBLOCK", OpenFlags.O_NONBLOCK);
    ours.put("O_DSYNC", OpenFlags.O_DSYNC);
    ours.put("O_NOATIME", OpenFlags.O_NOATIME);
    ours.put("O_CLOEXEC", OpenFlags.O_CLOEXEC);
    ours.put("O_PATH", OpenFlags.O_PATH);
    ours.put("O_DIRECTORY", f.directory());
    ours.put("O_NOFOLLOW", f.noFollow());
    ours.put("O_DIRECT", f.direct());
    ours.put("O_LARGEFILE", f.largeFile());
    ours.put("__O_TMPFILE", OpenFlags.O_TMPFILE_BASE);
    StringBuilder source = new StringBuilder("#include <asm/fcntl.h>\n");
    ours.keySet().forEach(name -> source.append("@@ \"").append(name).append("\" ").append(name).append('\n'));
    String out = HostTools.run(List.of(cpp, "-P", "-"), source.toString());
    Map<String, Integer> headers = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("@@ ")) {
        String[] f2 = line.split(" ", 3);
        headers.put(f2[1].replace("\"", ""), Integer.decode(f2[2].trim()));
      }
    }
    assertEquals(ours, headers);
  }
}
