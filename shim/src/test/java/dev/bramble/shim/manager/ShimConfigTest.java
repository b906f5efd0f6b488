package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShimConfigTest {
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
}
