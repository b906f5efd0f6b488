package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimConfigTest {
  @TempDir Path tmp;

  @Test
  void readsProtocol() {
    assertEquals("grpc", ShimConfig.parse("# bramble shim\nprotocol = \"grpc\"\n", "f").protocol());
    assertEquals("ttrpc", ShimConfig.parse("", "f").protocol());
  }

  @Test
  void refusesUnknownProtocolWithFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShimConfig.parse("\nprotocol = \"http\"", "/etc/bramble/shim.toml"));
    assertTrue(e.getMessage().startsWith("/etc/bramble/shim.toml:2: protocol: unknown protocol \"http\""),
        e.getMessage());
  }

  @Test
  void podModeIsTheDefault() {
    ShimConfig c = ShimConfig.parse("protocol = \"ttrpc\"\n", "f");
    assertEquals(ShimConfig.Group.POD, c.group());
    assertEquals(300, c.idleExitSeconds());
    assertEquals(ShimConfig.DEFAULT, ShimConfig.read(Optional.empty(), Map.of()));
  }

  @Test
  void readsGroupAndIdleExitQuotedOrNot() {
    ShimConfig c = ShimConfig.parse("group = \"namespace\"  # one JVM per namespace\nidle_exit = \"45\"\n", "f");
    assertEquals(ShimConfig.Group.NAMESPACE, c.group());
    assertTrue(c.namespaceMode());
    assertEquals(45, c.idleExitSeconds());
    assertEquals(7, ShimConfig.parse("idle_exit = 7", "f").idleExitSeconds());
    assertEquals(ShimConfig.Group.POD, ShimConfig.parse("group = \"pod\"", "f").group());
  }

  @Test
  void refusesUnknownGroupNamingFileLineKeyAndTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShimConfig.parse("protocol = \"ttrpc\"\n\ngroup = \"pods\"\n", "/etc/bramble/shim.toml"));
    assertEquals("/etc/bramble/shim.toml:3: group: unknown group \"pods\"; use \"pod\" (one shim daemon per pod, "
        + "the default) or \"namespace\" (one per containerd namespace)", e.getMessage());
  }

  @Test
  void refusesIdleExitThatIsNotSecondsInRange() {
    for (String bad : new String[] {"\"5m\"", "\"0\"", "\"-3\"", "\"\"", "\"86401\"", "\"+5\"", "\"1.5\"",
        "\"99999999999\""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ShimConfig.parse("group = \"namespace\"\nidle_exit = " + bad, "shim.toml"), bad);
      assertTrue(e.getMessage().startsWith("shim.toml:2: idle_exit: \"" + bad.replace("\"", "")
          + "\" is not a number of seconds from 1 to 86400"), e.getMessage());
    }
    assertEquals(86_400, ShimConfig.parse("idle_exit = \"86400\"", "f").idleExitSeconds());
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("shim.toml"), "group = \"pod\"\nidle_exit = \"60\"\n");
    ShimConfig c = ShimConfig.read(Optional.of(file.toString()), Map.of("BRAMBLE_SHIM_GROUP", "namespace",
        "BRAMBLE_SHIM_IDLE_EXIT", "2", "BRAMBLE_SHIM_PROTOCOL", "grpc"));
    assertEquals(new ShimConfig("grpc", ShimConfig.Group.NAMESPACE, 2, ReadyFile.sha256(Files.readAllBytes(file))),
        c);
    ShimConfig empty = ShimConfig.read(Optional.of(file.toString()), Map.of("BRAMBLE_SHIM_GROUP", ""));
    assertEquals(ShimConfig.Group.POD, empty.group(), "an empty variable is no override");
    assertEquals(60, empty.idleExitSeconds());
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
        () -> ShimConfig.read(Optional.empty(), Map.of("BRAMBLE_SHIM_GROUP", "Namespace")));
    assertTrue(group.getMessage().startsWith("BRAMBLE_SHIM_GROUP: unknown group \"Namespace\""), group.getMessage());
    IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
        () -> ShimConfig.read(Optional.empty(), Map.of("BRAMBLE_SHIM_IDLE_EXIT", "soon")));
    assertTrue(idle.getMessage().startsWith("BRAMBLE_SHIM_IDLE_EXIT: \"soon\" is not a number of seconds"),
        idle.getMessage());
  }

  @Test
  void theFileDigestIsOfTheBytesParsed() throws Exception {
    byte[] text = "group = \"namespace\"\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(tmp.resolve("shim.toml"), text);
    // printf 'group = "namespace"\n' | sha256sum: what the launcher compares it with
    assertEquals("0b8f1761c1ea2f17955621c494c62d3abdf10eaa6e283c39bed6d3c7a2c5760e",
        ShimConfig.parseFile(file.toString()).fileSha256());
    assertEquals("", ShimConfig.parse("group = \"namespace\"", "f").fileSha256());
  }

  @Test
  void anUnreadableFileSaysWhichAndHowToFixIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShimConfig.read(Optional.of(tmp.resolve("missing.toml").toString()), Map.of()));
    assertTrue(e.getMessage().contains("missing.toml") && e.getMessage().contains("fix ConfigPath"), e.getMessage());
  }
}
