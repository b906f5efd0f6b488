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
}
