package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShimSocketTest {
  @Test
  void nameIsSha256OfTheJoinedAddressNamespaceAndGroup() {
    // printf '/run/containerd/containerd.sock/default/grpA' | sha256sum
    assertEquals("669e417f50f8d303e22d96bb9cacd8ff5c1a2d4e729a95503270ae67c1493baa",
        ShimSocket.hash("/run/containerd/containerd.sock", "default", "grpA"));
    assertEquals("unix:///run/containerd/s/669e417f50f8d303e22d96bb9cacd8ff5c1a2d4e729a95503270ae67c1493baa",
        ShimSocket.of(ShimSocket.DEFAULT_DIR, "/run/containerd/containerd.sock", "default", "grpA").address());
  }

  @Test
  void joinCleansLikeGo() {
    assertEquals("/run/containerd/containerd.sock/default/grpA",
        ShimSocket.goJoin("/run//containerd/./containerd.sock/", "default", "grpA"));
    assertEquals("/a/c", ShimSocket.goJoin("/a/b/..", "c"));
    assertEquals("/c", ShimSocket.goJoin("/../..", "c"));
    assertEquals("../x", ShimSocket.goJoin("..", "", "x"));
    assertEquals(ShimSocket.hash("/run/containerd/containerd.sock", "default", "grpA"),
        ShimSocket.hash("/run/containerd//containerd.sock/", "default", "grpA"));
  }

  @Test
  void grpcSocketSitsNextToIt() {
    assertEquals(Path.of("/run/containerd/s/ab.grpc"), new ShimSocket(Path.of("/run/containerd/s/ab")).grpcPath());
  }
}
