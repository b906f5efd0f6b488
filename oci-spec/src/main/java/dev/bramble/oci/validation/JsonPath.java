package dev.bramble.oci.validation;

import java.util.regex.Pattern;

/**
 * Builds the JSON paths used in problems: {@code linux.namespaces[2].type}, and {@code
 * linux.sysctl["net.ipv4.ip_forward"]} for map keys that are not plain identifiers.
 */
public final class JsonPath {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPath() {}

  /** The path of a named field of the object at {@code parent} ("" is the document). */
  public static String field(String parent, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return parent.isEmpty() ? name : parent + "." + name;
    }
    return key(parent, name);
  }

  /** The path of an array element. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path of a map entry, always in bracket form so keys with dots stay unambiguous. */
  public static String key(String parent, String key) {
    return parent + "[" + quote(key) + "]";
  }

  /** True if {@code path} is {@code ancestor} or lies below it. */
  public static boolean isWithin(String path, String ancestor) {
    if (ancestor.isEmpty() || path.equals(ancestor)) {
      return true;
    }
    return path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }

  /** A JSON string literal for {@code text}, for quoting found values in messages. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
