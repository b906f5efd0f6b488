package dev.bramble.shim.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bramble.shim.task.FakeKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCommandTest {
  @TempDir Path bundle;

  private String group(String configJson) throws Exception {
    Files.writeString(bundle.resolve("config.json"), configJson);
    return new StartCommand(FakeKernel.create(), ShimFlags.parse(new String[] {"start"}), bundle, "/x").groupId("c1");
  }

  @Test
  void groupIsTheSandboxIdAnnotation() throws Exception {
    assertEquals("pod-7", group("{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"],\"env\":[\"A=1\"]},"
        + "\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
        + "\"io.kubernetes.cri.sandbox-id\":\"pod-7\"},\"linux\":{}}"));
  }

  @Test
  void withoutItTheContainerIsItsOwnGroup() throws Exception {
    assertEquals("c1", group("{\"annotations\":{\"other\":\"x\"}}"));
    assertEquals("c1", group("{\"process\":{\"args\":[]}}"));
    assertEquals("c1", group("{\"annotations\":{\"io.kubernetes.cri.sandbox-id\":\"\"}}"));
  }

  @Test
  void nestedLookalikesDoNotCount() throws Exception {
    assertEquals("c1", group("{\"process\":{\"annotations\":{\"io.kubernetes.cri.sandbox-id\":\"no\"}}}"));
  }

  @Test
  void anUnreadableConfigNamesTheFile() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> group("[1, 2]"));
    assertEquals(true, e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void aNamespaceDaemonLearnsItsIdleTimeAndWhatItsReadyFileMustMatch() {
    ShimConfig config = new ShimConfig("ttrpc", ShimConfig.Group.NAMESPACE, 42, "ef".repeat(32));
    byte[] stdin = new dev.bramble.shim.proto.AnyMessage(dev.bramble.shim.api.StartOptions.RUNTIME_OPTIONS_TYPE,
        new dev.bramble.shim.proto.ProtoWriter().string(2, "/etc/bramble/shim.toml").toByteArray()).encode();
    assertEquals(java.util.List.of("-bramble-group=namespace", "-bramble-idle-exit=42",
        "-bramble-options-sha256=" + ReadyFile.sha256(stdin), "-bramble-config=/etc/bramble/shim.toml",
        "-bramble-config-sha256=" + "ef".repeat(32)), StartCommand.namespaceArgs(config,
        dev.bramble.shim.api.StartOptions.parse(stdin, "c1"), stdin));
    // no options: the digest of nothing, which the launcher's sha256sum of an empty stdin also gives
    assertEquals(java.util.List.of("-bramble-group=namespace", "-bramble-idle-exit=42",
        "-bramble-options-sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        StartCommand.namespaceArgs(config, dev.bramble.shim.api.StartOptions.NONE, new byte[0]));
  }

  @Test
  void theDaemonsFlagsParseBackEvenWithAwkwardValues() {
    ShimFlags f = ShimFlags.parse(new String[] {"-namespace", "default", "-id", "c1", "-address", "/a",
        "-bramble-config=/etc/with space/-start", "-bramble-group=namespace"});
    assertEquals(java.util.Optional.of("/etc/with space/-start"), f.get("bramble-config"));
    assertEquals("", f.action());
  }

  @Test
  void printedIsTheAddressOrForGrpcTheJsonLine() {
    ShimSocket s = new ShimSocket(Path.of("/run/containerd/s/ab"));
    assertEquals("unix:///run/containerd/s/ab", StartCommand.printed("ttrpc", s));
    assertEquals("{\"version\":3,\"address\":\"/run/containerd/s/ab.grpc\",\"protocol\":\"grpc\"}",
        StartCommand.printed("grpc", s));
  }
}
