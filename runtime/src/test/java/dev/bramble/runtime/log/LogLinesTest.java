package dev.bramble.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLinesTest {
  private static final Instant NOON = Instant.parse("2024-05-01T12:00:00.123456789Z");

  @Test
  void jsonLineHasExactlyLevelMsgTimeInLogrusOrder() {
    assertEquals("{\"level\":\"error\",\"msg\":\"create c1: no such bundle\",\"time\":\"2024-05-01T12:00:00.123456789Z\"}\n",
        LogLines.render(LogFormat.JSON, LogLevel.ERROR, "create c1: no such bundle", NOON));
  }

  @Test
  void jsonEscapesQuotesBackslashesAndControlCharacters() {
    assertEquals("{\"level\":\"debug\",\"msg\":\"a \\\"b\\\" c\\\\d\\n\\tat x\\u0001\\u007f é\",\"time\":\"2024-05-01T12:00:00.123456789Z\"}\n",
        LogLines.render(LogFormat.JSON, LogLevel.DEBUG, "a \"b\" c\\d\n\tat x\u0001\u007f é", NOON));
  }

  @Test
  void textLineLooksLikeLogrusAndQuotesOnlyWhenNeeded() {
    assertEquals("time=\"2024-05-01T12:00:00.123456789Z\" level=warning msg=\"disk is full\"\n",
        LogLines.render(LogFormat.TEXT, LogLevel.WARNING, "disk is full", NOON));
    assertEquals("time=\"2024-05-01T12:00:00.123456789Z\" level=info msg=started/v1.2_x@y^z+1\n",
        LogLines.render(LogFormat.TEXT, LogLevel.INFO, "started/v1.2_x@y^z+1", NOON));
    assertEquals("time=\"2024-05-01T12:00:00.123456789Z\" level=error msg=\"\"\n",
        LogLines.render(LogFormat.TEXT, LogLevel.ERROR, "", NOON));
  }

  @Test
  void textQuotingEscapesLikeGo() {
    assertEquals("time=\"2024-05-01T12:00:00.123456789Z\" level=error msg=\"say \\\"hi\\\"\\n\\x01\"\n",
        LogLines.render(LogFormat.TEXT, LogLevel.ERROR, "say \"hi\"\n\u0001", NOON));
  }

  @Test
  void timestampsAreRfc3339UtcWithNanosecondsAndZeroPadding() {
    assertEquals("1970-01-01T00:00:00.000000000Z", LogLines.rfc3339(Instant.EPOCH));
    assertEquals("2009-02-03T04:05:06.000000007Z", LogLines.rfc3339(Instant.parse("2009-02-03T04:05:06.000000007Z")));
    assertEquals("2024-12-31T23:59:59.999000000Z", LogLines.rfc3339(Instant.parse("2024-12-31T23:59:59.999Z")));
  }

  @Test
  void needsQuotingMatchesLogrusCharacterSet() {
    assertFalse(LogLines.needsQuoting("abcXYZ019-._/@^+"));
    assertTrue(LogLines.needsQuoting("a b"));
    assertTrue(LogLines.needsQuoting("a=b"));
    assertTrue(LogLines.needsQuoting("a:b"));
    assertTrue(LogLines.needsQuoting(""));
  }

  @Test
  void levelsAndFormatsParseTheirLogrusSpelling() {
    for (LogLevel level : LogLevel.values()) {
      assertEquals(level, LogLevel.parse(level.text()));
    }
    assertEquals(LogLevel.WARNING, LogLevel.parse("warn"));
    assertEquals("warning", LogLevel.WARNING.text());
    assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("fatal"));
    assertEquals(LogFormat.JSON, LogFormat.parse("json"));
    assertEquals(LogFormat.TEXT, LogFormat.parse("text"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("JSON"));
    assertEquals("invalid log-format: JSON (expected text or json)", bad.getMessage());
  }
}
