package dev.bramble.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
  @Test
  void splitsFlagsPropagationAndData() {
    MountOptions o = MountOptions.parse(List.of("nosuid", "strictatime", "mode=755", "size=65536k", "rslave"), "m");
    assertEquals(MountFlags.NOSUID | MountFlags.STRICTATIME, o.flags());
    assertEquals(MountFlags.SLAVE | MountFlags.REC, o.propagation());
    assertEquals("mode=755,size=65536k", o.data());
  }

  @Test
  void laterWordsWinAndClearedFlagsAreRemembered() {
    MountOptions o = MountOptions.parse(List.of("ro", "rw", "nodev"), "m");
    assertEquals(MountFlags.NODEV, o.flags());
    assertEquals(MountFlags.RDONLY, o.clearedFlags());
  }

  @Test
  void rbindIsARecursiveBindAndRemountFlagsExcludeTheBindItself() {
    MountOptions o = MountOptions.parse(List.of("rbind", "ro", "nosuid"), "m");
    assertTrue(o.bind());
    assertEquals(MountFlags.RDONLY | MountFlags.NOSUID, o.remountFlags());
  }

  @Test
  void refusesOptionsBrambleCannotHonourNamingTheJsonPath() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> MountOptions.parse(List.of("rbind", "idmap"), "mounts[4].options"));
    assertEquals("mounts[4].options[1]", e.jsonPath());
    assertTrue(e.getMessage().contains("\"idmap\""), e.getMessage());
  }
}
