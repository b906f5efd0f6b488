package dev.bramble.runtime.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.config.ContainerConfig.IdMapping;
import dev.bramble.runtime.config.ContainerConfig.NamespaceConfig;
import dev.bramble.runtime.config.NamespaceType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSetupTest {
  private static ContainerConfig config(List<NamespaceConfig> namespaces) {
    return new ContainerConfig("c", Path.of("/b"), Path.of("/b/rootfs"), false, namespaces,
        List.of(new IdMapping(0, 100000, 65536)), List.of(new IdMapping(0, 100000, 65536)), 0, List.of(), List.of(),
        List.of(), List.of(), null, null, null, Map.of());
  }

  @Test
  void joinsPathNamespacesThenCreatesTheUserNamespaceAloneThenTheRestAtOnce() {
    RecordingSyscalls stub = new RecordingSyscalls();
    List<String> mapsWritten = new ArrayList<>();
    new NamespaceSetup(stub, config(List.of(
        new NamespaceConfig(NamespaceType.USER, null),
        new NamespaceConfig(NamespaceType.MOUNT, null),
        new NamespaceConfig(NamespaceType.IPC, "/proc/77/ns/ipc"),
        new NamespaceConfig(NamespaceType.PID, null))),
        (pid, c) -> {
          mapsWritten.add("maps for " + pid);
          stub.calls.add("<maps written>");
        }, (pid, c) -> { throw new AssertionError("no time offsets"); }).enter();
    assertEquals(List.of(
        "openat(., /proc/77/ns/ipc)", "setns(/proc/77/ns/ipc, 0x8000000)",
        "unshare(0x10000000)", "<maps written>", "setresgid(0)", "setresuid(0)",
        "unshare(0x20020000)"), stub.calls);
    assertEquals(List.of("maps for 4242"), mapsWritten);
  }

  @Test
  void joiningANamedUserNamespaceComesFirst() {
    RecordingSyscalls stub = new RecordingSyscalls();
    List<NamespaceConfig> declared = new ArrayList<>(List.of(
        new NamespaceConfig(NamespaceType.NETWORK, "/run/netns/a"),
        new NamespaceConfig(NamespaceType.USER, "/proc/9/ns/user"),
        new NamespaceConfig(NamespaceType.MOUNT, null)));
    declared.sort(java.util.Comparator.comparing(NamespaceConfig::type)); // as ConfigTranslator orders them
    new NamespaceSetup(stub, config(declared), (pid, c) -> { throw new AssertionError("no new user namespace"); },
        (pid, c) -> { throw new AssertionError("no time offsets"); }).enter();
    assertEquals("setns(/proc/9/ns/user, 0x10000000)", stub.calls.get(1));
    assertEquals("unshare(0x20000)", stub.calls.get(stub.calls.size() - 1));
  }
}
