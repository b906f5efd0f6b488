package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.linux.SeccompFilterSpec;

/**
 * One register condition of a policy row: {@code (argument & mask) == value}. Masked equality is the one comparison
 * the policy needs: it tests flag bits (CLONE_NEWUSER) and, with mask 0xffffffff, an {@code int} argument whose upper
 * register half the kernel ignores — comparing all 64 bits would let a caller put garbage there to slip past.
 */
public record ArgCondition(int index, long mask, long value) {
  public ArgCondition {
    if (index < 0 || index > 5) {
      throw new IllegalArgumentException("argument index must be 0..5, got " + index);
    }
    if ((value & ~mask) != 0) {
      throw new IllegalArgumentException("value 0x" + Long.toHexString(value) + " has bits outside mask 0x"
          + Long.toHexString(mask) + ": the condition could never hold");
    }
  }

  /** Parses {@code aN&MASK==VALUE} (hexadecimal with 0x, or decimal). */
  public static ArgCondition parse(String text) {
    String t = text.trim();
    int amp = t.indexOf('&');
    int eq = t.indexOf("==");
    if (!t.startsWith("a") || amp < 2 || eq < amp) {
      throw new IllegalArgumentException("condition '" + text + "' is not of the form aN&MASK==VALUE");
    }
    int index;
    try {
      index = Integer.parseInt(t.substring(1, amp));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("condition '" + text + "': argument number must be 0..5");
    }
    return new ArgCondition(index, number(t.substring(amp + 1, eq), text), number(t.substring(eq + 2), text));
  }

  private static long number(String s, String text) {
    String n = s.trim();
    try {
      return n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseUnsignedLong(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("condition '" + text + "': '" + n + "' is not a number");
    }
  }

  /** Whether a register value satisfies the condition. */
  public boolean matches(long argument) {
    return (argument & mask) == value;
  }

  /** libseccomp's form: SCMP_CMP_MASKED_EQ with datum_a the mask and datum_b the value. */
  public SeccompFilterSpec.Compare toCompare() {
    return new SeccompFilterSpec.Compare(index, SeccompFilterSpec.Op.MASKED_EQ, mask, value);
  }

  @Override
  public String toString() {
    return "a" + index + "&0x" + Long.toHexString(mask) + "==0x" + Long.toHexString(value);
  }
}
