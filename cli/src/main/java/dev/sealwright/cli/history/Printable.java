package dev.sealwright.cli.history;

/**
 * Text from Git (paths, names, commit messages) made safe for a terminal: a commit message is
 * anyone's input, and control characters in it could rewrite what the reader sees.
 */
final class Printable {
  private Printable() {}

  static String of(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                sb.appendCodePoint(
                    Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
    return sb.toString();
  }
}
