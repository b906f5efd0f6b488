package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.linux.SeccompFilterSpec;
import org.junit.jupiter.api.Test;

class ArgConditionTest {
  @Test
  void parsesHexAndDecimalAndMatchesMaskedValues() {
    ArgCondition c = ArgCondition.parse("a1&0xffffffff==0x5412");
    assertEquals(new ArgCondition(1, 0xffffffffL, 0x5412), c);
    assertTrue(c.matches(0x5412));
    assertTrue(c.matches(0xabcdef0000005412L), "the upper half of an int argument is ignored, as by the kernel");
    assertFalse(c.matches(0x5413));
    assertEquals(new ArgCondition(0, 0xf, 3), ArgCondition.parse("a0&15==3"));
    assertEquals("a1&0xffffffff==0x5412", c.toString());
  }

  @Test
  void becomesLibseccompsMaskedEquality() {
    assertEquals(new SeccompFilterSpec.Compare(2, SeccompFilterSpec.Op.MASKED_EQ, 0xf, 3),
        new ArgCondition(2, 0xf, 3).toCompare());
  }

  @Test
  void refusesWhatIsNotACondition() {
    for (String bad : new String[] {"a6&1==1", "b0&1==1", "a0==1", "a0&x==1", "a0&1==2"}) {
      assertThrows(IllegalArgumentException.class, () -> ArgCondition.parse(bad), bad);
    }
  }
}
