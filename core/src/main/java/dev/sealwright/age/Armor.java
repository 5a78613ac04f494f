package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

/** age's ASCII armor: strict PEM-like base64 lines of 64 columns between BEGIN and END lines. */
public final class Armor {
  static final String HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String FOOTER = "-----END AGE ENCRYPTED FILE-----";
  private static final int COLUMNS = 64;
  private static final int MAX_WHITESPACE = 1024;

  private Armor() {}

  public static String encode(byte[] file) {
    String b64 = Base64.getEncoder().encodeToString(file);
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < b64.length(); i += COLUMNS) {
      sb.append(b64, i, Math.min(b64.length(), i + COLUMNS)).append('\n');
    }
    return sb.append(FOOTER).append('\n').toString();
  }

  /** Whether {@code input} starts (after whitespace) like an armored age file. */
  public static boolean isArmored(byte[] input) {
    String start =
        new String(input, 0, Math.min(input.length, MAX_WHITESPACE + HEADER.length()), ISO_8859_1);
    return start.strip().startsWith(HEADER);
  }

  public static byte[] decode(byte[] input) throws MalformedException {
    String text = new String(input, ISO_8859_1);
    int pos = 0;
    int skipped = 0;
    // Leading whitespace lines are tolerated, up to a limit.
    while (true) {
      int nl = text.indexOf('\n', pos);
      String line = stripCr(nl < 0 ? text.substring(pos) : text.substring(pos, nl));
      if (nl < 0 && line.isEmpty()) {
        throw invalid("the input ends before the BEGIN line");
      }
      if (line.isBlank()) {
        skipped += line.length() + 1;
        if (skipped > MAX_WHITESPACE || nl < 0) {
          throw invalid("too much leading whitespace");
        }
        pos = nl + 1;
        continue;
      }
      if (!line.equals(HEADER) || nl < 0) {
        throw invalid("the first line is not '" + HEADER + "'");
      }
      pos = nl + 1;
      break;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int nl = text.indexOf('\n', pos);
      if (pos >= text.length()) {
        throw invalid("the END line is missing");
      }
      String line = stripCr(nl < 0 ? text.substring(pos) : text.substring(pos, nl));
      pos = nl < 0 ? text.length() : nl + 1;
      if (line.equals(FOOTER)) {
        break;
      }
      if (line.isEmpty()) {
        throw invalid("empty line inside the armor");
      }
      if (line.length() > COLUMNS || line.indexOf('\r') >= 0) {
        throw invalid("a line is longer than 64 columns");
      }
      byte[] b = decodeStrict(line);
      out.writeBytes(b);
      if (b.length < COLUMNS / 4 * 3) {
        int end = text.indexOf('\n', pos);
        String next = stripCr(end < 0 ? text.substring(pos) : text.substring(pos, end));
        if (!next.equals(FOOTER) || pos >= text.length()) {
          throw invalid("a short line must be the last before the END line");
        }
        pos = end < 0 ? text.length() : end + 1;
        break;
      }
    }
    String trailing = text.substring(pos);
    if (!trailing.isBlank()) {
      throw invalid("data after the END line");
    }
    if (trailing.length() >= MAX_WHITESPACE) {
      throw invalid("too much trailing whitespace");
    }
    return out.toByteArray();
  }

  private static byte[] decodeStrict(String line) throws MalformedException {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        throw invalid("invalid base64 character");
      }
    }
    if (line.length() % 4 != 0) {
      throw invalid("base64 line without padding");
    }
    try {
      byte[] b = Base64.getDecoder().decode(line.getBytes(US_ASCII));
      if (!Base64.getEncoder().encodeToString(b).equals(line)) {
        throw invalid("non-canonical base64");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw invalid("invalid base64");
    }
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static MalformedException invalid(String why) {
    return new MalformedException(MalformedException.Part.ARMOR, "invalid armor: " + why);
  }
}
