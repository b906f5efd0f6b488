package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShimFlagsTest {
  @Test
  void parsesContainerdsStartCommandLine() {
    ShimFlags f = ShimFlags.parse(new String[] {"-namespace", "default", "-address", "/run/containerd/containerd.sock",
        "-publish-binary", "/usr/bin/containerd", "-id", "t1", "-debug", "start"});
    assertEquals("start", f.action());
    assertEquals("default", f.require("namespace"));
    assertEquals("t1", f.require("id"));
    assertTrue(f.flag("debug"));
  }

  @Test
  void acceptsUnknownFlagsEqualsFormsAndDoubleDashes() {
    ShimFlags f = ShimFlags.parse(new String[] {"--namespace=k8s.io", "-future-flag", "x", "--id", "c",
        "-bundle", "/b", "-another-new-bool", "delete"});
    assertEquals("delete", f.action());
    assertEquals("k8s.io", f.require("namespace"));
    assertEquals("x", f.get("future-flag").orElseThrow());
    assertEquals("/b", f.get("bundle").orElseThrow());
    assertTrue(f.flag("another-new-bool"));
  }

  @Test
  void noActionMeansTheDaemon() {
    ShimFlags f = ShimFlags.parse(new String[] {"-namespace", "default", "-id", "t1", "-address", "/a"});
    assertEquals("", f.action());
    assertEquals(List.of("-namespace", "default", "-id", "t1", "-address", "/a"), f.daemonArgs("ttrpc"));
    assertEquals(List.of("-namespace", "default", "-id", "t1", "-address", "/a", "-bramble-protocol", "grpc"),
        f.daemonArgs("grpc"));
  }

  @Test
  void missingRequiredFlagSaysWhatRunsThisBinary() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShimFlags.parse(new String[] {"start"}).require("namespace"));
    assertTrue(e.getMessage().contains("-namespace"));
  }
}
