package dev.bramble.runtime.cgroup;

/**
 * One device cgroup rule, as cgroup v1's devices.allow/deny take it: "c 1:3 rwm", "b *:* m", "a".
 *
 * @param type 'a' (all), 'b' (block) or 'c' (char)
 * @param major the major number, or {@link #WILDCARD}
 * @param minor the minor number, or {@link #WILDCARD}
 * @param access a non-empty subset of "rwm" in that order
 * @param allow allow (true) or deny (false)
 */
public record DeviceRule(char type, long major, long minor, String access, boolean allow) {
  public static final long WILDCARD = -1;

  public DeviceRule {
    if ("abc".indexOf(type) < 0) {
      throw new IllegalArgumentException("device rule type must be a, b or c, not " + type);
    }
    access = normalize(access);
  }

  /** "wmr" → "rwm"; empty stays empty (a rule that grants or takes nothing). */
  static String normalize(String access) {
    StringBuilder out = new StringBuilder();
    for (char c : "rwm".toCharArray()) {
      if (access.indexOf(c) >= 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The rule in devices.allow/deny syntax; type 'a' is just "a". */
  public String v1Line() {
    if (type == 'a') {
      return "a";
    }
    return type + " " + number(major) + ":" + number(minor) + " " + access;
  }

  private static String number(long n) {
    return n == WILDCARD ? "*" : Long.toString(n);
  }

  /** Access bits: r=2, w=4, m=1 (the kernel's BPF_DEVCG_ACC_* encoding). */
  int accessBits() {
    int bits = 0;
    if (access.indexOf('m') >= 0) {
      bits |= 1;
    }
    if (access.indexOf('r') >= 0) {
      bits |= 2;
    }
    if (access.indexOf('w') >= 0) {
      bits |= 4;
    }
    return bits;
  }

  static String accessOf(int bits) {
    return ((bits & 2) != 0 ? "r" : "") + ((bits & 4) != 0 ? "w" : "") + ((bits & 1) != 0 ? "m" : "");
  }

  boolean sameDevice(DeviceRule other) {
    return type == other.type && major == other.major && minor == other.minor;
  }

  @Override
  public String toString() {
    return (allow ? "allow " : "deny ") + v1Line();
  }
}
