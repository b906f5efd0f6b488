package dev.bramble.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bramble.shim.ttrpc.TtrpcMessages.Request;
import dev.bramble.shim.ttrpc.TtrpcMessages.Response;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame and envelope bytes against frames captured between containerd 1.6.20 and its runc shim. */
class FrameTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void headerIsLengthStreamTypeFlagsBigEndian() {
    byte[] f = new Frame(3, Frame.TYPE_RESPONSE, (byte) 0, hex("1208 08c0e401 10dde401")).encode();
    assertArrayEquals(hex("0000000a 00000003 02 00 1208 08c0e401 10dde401"), f);
    Frame.Header h = Frame.Header.decode(f);
    assertEquals(new Frame.Header(10, 3, Frame.TYPE_RESPONSE, (byte) 0), h);
  }

  @Test
  void emptyOkResponseIsAHeaderAlone() {
    assertArrayEquals(hex("00000000 00000001 02 00"),
        new Frame(1, Frame.TYPE_RESPONSE, (byte) 0, Response.ok(new byte[0]).encode()).encode());
  }

  @Test
  void capturedConnectRequestDecodes() {
    byte[] data = hex("0a17" + HexFormat.of().formatHex("containerd.task.v2.Task".getBytes())
        + "1207" + HexFormat.of().formatHex("Connect".getBytes()) + "1a04 0a02 7432");
    Request r = Request.decode(data);
    assertEquals("containerd.task.v2.Task", r.service());
    assertEquals("Connect", r.method());
    assertArrayEquals(hex("0a02 7432"), r.payload());
    assertEquals(0x28, data.length); // the captured header said 0x28 bytes
    assertArrayEquals(data, new Request("containerd.task.v2.Task", "Connect", hex("0a027432"), 0, List.of()).encode());
  }

  @Test
  void errorResponseCarriesStatusAndNoPayload() {
    Response r = Response.error(Code.NOT_FOUND, "process already finished: not found");
    Response back = Response.decode(r.encode());
    assertEquals(5, back.status().code());
    assertEquals("process already finished: not found", back.status().message());
    assertEquals(0, back.payload().length);
  }

  @Test
  void oversizedFramesAreRefusedOnSend() {
    assertThrows(IllegalArgumentException.class,
        () -> new Frame(1, Frame.TYPE_REQUEST, (byte) 0, new byte[Frame.MAX_DATA + 1]).encode());
  }

  @Test
  void headerLengthIsUnsigned() {
    assertEquals(0xffffffffL, Frame.Header.decode(hex("ffffffff 00000001 01 00")).unsignedLength());
  }
}
