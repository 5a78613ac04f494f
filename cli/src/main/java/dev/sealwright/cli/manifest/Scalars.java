package dev.sealwright.cli.manifest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How a string is written: plain when every YAML 1.1 and 1.2 reader takes it as that string. */
public final class Scalars {
  /**
   * Starts with a letter, '_' or '/', so it is never a number, a date, {@code .inf} or an
   * indicator; contains no space, '#' or ": ". Envelopes and Kubernetes names fit.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./+=:,@-]*");

  private static final Set<String> RESERVED =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

  private Scalars() {}

  public static String yaml(String s) {
    boolean plain =
        PLAIN.matcher(s).matches()
            && !s.endsWith(":")
            && !RESERVED.contains(s.toLowerCase(Locale.ROOT));
    return plain ? s : json(s);
  }

  /**
   * Characters YAML does not allow unescaped (outside its printable set) or that readers treat
   * specially: C0 and C1 controls, DEL, line and paragraph separators, BOM, U+FFFE and U+FFFF.
   */
  static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028
        || c == 0x2029
        || c == 0xfeff
        || c == 0xfffe
        || c == 0xffff;
  }

  /** A JSON string literal, which is also a valid YAML double-quoted scalar. */
  public static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (needsEscape(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
