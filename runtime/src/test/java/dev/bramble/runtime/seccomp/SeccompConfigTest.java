package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.runtime.config.ConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SeccompConfigTest {
  @Test
  void annotationsSelectTheSentrysModes() {
    SeccompConfig c = SeccompConfig.from(null, Map.of("dev.bramble.trap", "all", "dev.bramble.strace", "true",
        "dev.bramble.uname.release", "6.1.0-rpi7-rpi-v8"));
    assertTrue(c.trapAll());
    assertTrue(c.strace());
    assertEquals(Optional.of("6.1.0-rpi7-rpi-v8"), c.unameRelease());
    assertEquals(Optional.empty(), c.profile());
    SeccompConfig none = SeccompConfig.from(null, Map.of());
    assertFalse(none.trapAll() || none.strace());
  }

  @Test
  void badAnnotationValuesAreRefusedWithTheirKey() {
    ConfigException trap = assertThrows(ConfigException.class,
        () -> SeccompConfig.from(null, Map.of("dev.bramble.trap", "most")));
    assertEquals("annotations[\"dev.bramble.trap\"]", trap.jsonPath());
    assertThrows(ConfigException.class, () -> SeccompConfig.from(null, Map.of("dev.bramble.strace", "yes")));
    assertThrows(ConfigException.class, () -> SeccompConfig.from(null,
        Map.of("dev.bramble.uname.release", "x".repeat(65))), "uname's field holds 64 bytes");
  }

  @Test
  void theMemoryLimitIsWhatSysinfoReports() {
    Linux linux = new Linux(null, null, null, new LinuxResources(null, new LinuxMemory(256L << 20, null, null, null,
        null, null, null, null, null), null, null, null, null, null, null, null), null, null, null, null, null,
        null, null, null, null, null, null);
    assertEquals(OptionalLong.of(256L << 20), SeccompConfig.from(linux, Map.of()).memoryLimit());
  }
}
