package dev.bramble.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void parsesEverySpellingRuncKillAccepts() {
    assertEquals(9, Signals.parse("KILL"));
    assertEquals(9, Signals.parse("SIGKILL"));
    assertEquals(9, Signals.parse("kill"));
    assertEquals(9, Signals.parse("9"));
    assertEquals(15, Signals.parse("TERM"));
    assertEquals(28, Signals.parse("SIGWINCH"));
    assertEquals(34, Signals.parse("RTMIN"));
    assertEquals(37, Signals.parse("SIGRTMIN+3"));
    assertEquals(63, Signals.parse("RTMAX-1"));
  }

  @Test
  void refusesUnknownSignalsNamingThem() {
    for (String bad : new String[] {"FOO", "0", "65", "RTMIN+40", "", "-9"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.parse(bad));
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
  }
}
