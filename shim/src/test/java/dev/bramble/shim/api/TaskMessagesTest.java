package dev.bramble.shim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoFields;
import dev.bramble.shim.proto.Timestamp;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message bytes against what containerd 1.6.20 and its runc shim put on the wire (shared reference, §2.3, §3.5). */
class TaskMessagesTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void deleteResponseMatchesTheRuncShimsCapturedOutput() {
    byte[] captured = hex("08 b8e301 10 8901 1a0c 08 b7b7b4d806 10 82a78ee102");
    TaskResponses.Delete d = TaskResponses.Delete.decode(captured);
    assertEquals(29112, d.pid());
    assertEquals(137, d.exitStatus());
    assertArrayEquals(captured, new TaskResponses.Delete(29112, 137, d.exitedAt()).encode());
  }

  @Test
  void emptyDeleteResponseIsZeroBytes() {
    assertEquals(0, new TaskResponses.Delete(0, 0, null).encode().length);
  }

  @Test
  void connectAndCreateResponsesMatchCapturedPayloads() {
    assertArrayEquals(hex("08c0e401 10dde401"), new TaskResponses.Connect(29248, 29277, "").encode());
    assertArrayEquals(hex("08dde401"), new TaskResponses.Pid(29277).encode());
  }

  @Test
  void goZeroTimeRoundTrips() {
    TaskResponses.Wait w = TaskResponses.Wait.decode(new TaskResponses.Wait(3, Timestamp.GO_ZERO).encode());
    assertEquals(-62135596800L, w.exitedAt().seconds());
  }

  @Test
  void createRequestDecodesTheCapturedShape() {
    Mount overlay = new Mount("overlay", "overlay", "", List.of("index=off", "workdir=/w", "upperdir=/u",
        "lowerdir=/l1:/l2"));
    byte[] wire = new TaskRequests.Create("t1", "/run/b/t1", List.of(overlay), false, "/f/in", "/f/out", "/f/err",
        "", "", null).encode();
    TaskRequests.Create c = TaskRequests.Create.decode(wire);
    assertEquals("t1", c.id());
    assertEquals(List.of(overlay), c.rootfs());
    assertEquals("/f/err", c.stderr());
    assertNull(c.options());
  }

  @Test
  void eventsUseBareTypeUrls() {
    TaskEvents.Event e = TaskEvents.exit("c1", "c1", 42, 3, new Timestamp(100, 5));
    assertEquals("/tasks/exit", e.topic());
    assertEquals("containerd.events.TaskExit", e.payload().typeUrl());
    ProtoFields f = ProtoFields.parse(e.payload().value());
    assertEquals("c1", f.string(1));
    assertEquals(42, f.uint32(3));
    assertEquals(3, f.uint32(4));
    assertEquals(100, Timestamp.decode(f.bytes(5)).seconds());
  }

  @Test
  void forwardRequestWrapsAnEnvelope() {
    TaskEvents.Event e = TaskEvents.start("c1", 7);
    ProtoFields envelope = ProtoFields.parse(ProtoFields.parse(
        TaskEvents.forwardRequest(e, "default", new Timestamp(1, 2))).bytes(1));
    assertEquals("default", envelope.string(2));
    assertEquals("/tasks/start", envelope.string(3));
    assertEquals(1, Timestamp.decode(envelope.bytes(1)).seconds());
    AnyMessage any = AnyMessage.decode(envelope.bytes(4));
    assertEquals("containerd.events.TaskStart", any.typeUrl());
  }

  @Test
  void startOptionsReadTheCapturedRuntimeOptionsAny() {
    byte[] captured = hex("0a19" + HexFormat.of().formatHex("runtimeoptions.v1.Options".getBytes())
        + "1211 120f" + HexFormat.of().formatHex("/etc/probe.toml".getBytes()));
    StartOptions o = StartOptions.parse(captured, "t1");
    assertEquals("runtimeoptions.v1.Options", o.options().orElseThrow().typeUrl());
    assertEquals("/etc/probe.toml", o.configPath().orElseThrow());
  }

  @Test
  void startOptionsReadBootstrapParamsOfContainerd23() {
    byte[] options = new AnyMessage("runtimeoptions.v1.Options",
        new dev.bramble.shim.proto.ProtoWriter().string(2, "/etc/bramble/shim.toml").toByteArray()).encode();
    byte[] extension = new dev.bramble.shim.proto.ProtoWriter().message(1, options).toByteArray();
    byte[] params = new dev.bramble.shim.proto.ProtoWriter().string(1, "t1").string(2, "default")
        .string(5, "/run/containerd/containerd.sock.ttrpc").message(8, extension).toByteArray();
    StartOptions o = StartOptions.parse(params, "t1");
    assertEquals("/etc/bramble/shim.toml", o.configPath().orElseThrow());
    assertEquals("/run/containerd/containerd.sock.ttrpc", o.ttrpcAddress().orElseThrow());
  }

  @Test
  void noStdinMeansNoOptions() {
    assertTrue(StartOptions.parse(new byte[0], "t1").options().isEmpty());
  }

  @Test
  void stateResponseRoundTrips() {
    TaskResponses.State s = new TaskResponses.State("c", "/b", 9, TaskResponses.Status.RUNNING, "i", "o", "e",
        false, 0, Timestamp.GO_ZERO, "");
    assertEquals(s, TaskResponses.State.decode(s.encode()));
  }

  @Test
  void processDetailsNameTheExec() {
    AnyMessage a = TaskResponses.processDetails("e1");
    assertEquals("containerd.runc.v1.ProcessDetails", a.typeUrl());
    assertEquals("e1", new String(ProtoFields.parse(a.value()).bytes(1), StandardCharsets.UTF_8));
  }
}
