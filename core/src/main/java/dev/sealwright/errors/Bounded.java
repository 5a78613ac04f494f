package dev.sealwright.errors;

/**
 * Text derived from tenant input, made safe for a status message, an Event, a log line or a CLI
 * message: at most a given length, control characters replaced, so one object can neither fill the
 * operator's memory nor forge log lines. Every such message goes through here.
 */
public final class Bounded {
  /** The longest status condition message or Event message the operator writes. */
  public static final int MESSAGE = 1024;

  private Bounded() {}

  /** {@code s} cut to {@code max} characters (with a marker) and stripped of control characters. */
  public static String text(String s, int max) {
    if (s == null) {
      return "";
    }
    String marker = "... (truncated)";
    boolean cut = s.length() > max;
    String t = cut ? s.substring(0, Math.max(0, max - marker.length())) : s;
    StringBuilder out = new StringBuilder(t.length() + marker.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return cut ? out.append(marker).toString() : out.toString();
  }

  /** A message for status, Events and logs. */
  public static String message(String s) {
    return text(s, MESSAGE);
  }
}
