package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyFileTest {
  @TempDir Path tmp;

  private static ReadyFile sample(String print) {
    return new ReadyFile(4242, 987654, "ab".repeat(32), "/etc/bramble/shim.toml", "cd".repeat(32),
        ReadyFile.envOf(Map.of("BRAMBLE_SHIM_GROUP", "namespace", "PATH", "/bin")), print);
  }

  @Test
  void rendersOneKeyPerLineInTheOrderTheLauncherReads() {
    assertEquals("""
        bramble-shim-ready 1
        pid=4242
        start-time=987654
        options-sha256=%s
        config=/etc/bramble/shim.toml
        config-sha256=%s
        env-BRAMBLE_SHIM_GROUP=namespace
        env-BRAMBLE_SHIM_PROTOCOL=
        env-BRAMBLE_SHIM_IDLE_EXIT=
        print=unix:///run/containerd/s/x
        """.formatted("ab".repeat(32), "cd".repeat(32)), sample("unix:///run/containerd/s/x").render());
  }

  @Test
  void parsesWhatItRenders() {
    ReadyFile grpc = sample("{\"version\":3,\"address\":\"/run/containerd/s/x.grpc\",\"protocol\":\"grpc\"}");
    assertEquals(Optional.of(grpc), ReadyFile.parse(grpc.render()));
    assertEquals(Optional.empty(), ReadyFile.parse("bramble-shim-ready 2\npid=1\n"));
    assertEquals(Optional.empty(), ReadyFile.parse("bramble-shim-ready 1\npid=x\n"));
  }

  @Test
  void aValueWithALineBreakIsRefusedRatherThanMisread() {
    ReadyFile r = new ReadyFile(1, 2, "a", "/etc/x\nprint=unix:///elsewhere", "", Map.of(), "unix:///s");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::render);
    assertTrue(e.getMessage().contains("config"), e.getMessage());
  }

  @Test
  void publishReplacesAtomicallyWithOwnerOnlyModeAndWithdrawRemoves() throws Exception {
    Path path = tmp.resolve("sock.ready");
    Files.writeString(path, "old");
    sample("unix:///a").publish(path);
    assertEquals(sample("unix:///a").render(), Files.readString(path));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    assertFalse(Files.exists(tmp.resolve("sock.ready.tmp")));
    ReadyFile.withdraw(path);
    assertFalse(Files.exists(path));
    ReadyFile.withdraw(path); // idempotent
  }
}
