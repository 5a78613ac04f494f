package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.crypto.Hkdf;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.MalformedException.Part;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The age v1 header: the intro line, recipient stanzas, and the MAC line. */
final class Header {
  static final String INTRO = "age-encryption.org/v1\n";
  private static final int COLUMNS = 64;
  private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;
  private static final int MAX_STANZAS = 1024;
  private static final int MAX_ARGS = 128;

  private final List<Stanza> stanzas;
  private final byte[] mac;

  /** The header bytes up to and including "---", which the MAC covers. */
  private final byte[] macInput;

  /** Where the payload starts in the parsed input. */
  private final int payloadOffset;

  private Header(List<Stanza> stanzas, byte[] mac, byte[] macInput, int payloadOffset) {
    this.stanzas = List.copyOf(stanzas);
    this.mac = mac;
    this.macInput = macInput;
    this.payloadOffset = payloadOffset;
  }

  List<Stanza> stanzas() {
    return stanzas;
  }

  int payloadOffset() {
    return payloadOffset;
  }

  boolean macMatches(byte[] fileKey) {
    return java.security.MessageDigest.isEqual(computeMac(fileKey, macInput), mac);
  }

  /** Encodes a new header for {@code stanzas}, with its MAC under {@code fileKey}. */
  static byte[] encode(List<Stanza> stanzas, byte[] fileKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(INTRO.getBytes(US_ASCII));
    for (Stanza s : stanzas) {
      StringBuilder line = new StringBuilder("-> ").append(requireValid(s.type()));
      for (String a : s.args()) {
        line.append(' ').append(requireValid(a));
      }
      line.append('\n');
      String body = Base64Raw.encode(s.body());
      for (int i = 0; i <= body.length(); i += COLUMNS) {
        // A full last line is followed by an empty one: the body ends at the first short line.
        line.append(body, i, Math.min(body.length(), i + COLUMNS)).append('\n');
      }
      out.writeBytes(line.toString().getBytes(US_ASCII));
    }
    out.writeBytes("---".getBytes(US_ASCII));
    byte[] mac = computeMac(fileKey, out.toByteArray());
    out.writeBytes((" " + Base64Raw.encode(mac) + "\n").getBytes(US_ASCII));
    return out.toByteArray();
  }

  private static String requireValid(String s) {
    if (!isValidString(s)) {
      throw new IllegalArgumentException("invalid stanza type or argument");
    }
    return s;
  }

  private static byte[] computeMac(byte[] fileKey, byte[] macInput) {
    byte[] key = Hkdf.derive(fileKey, new byte[0], "header".getBytes(US_ASCII), 32);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(macInput);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  /** Parses the header at the start of {@code file}. */
  static Header parse(byte[] file) throws MalformedException {
    Cursor c = new Cursor(file);
    if (file.length == 0) {
      throw malformed("the file is empty");
    }
    String intro = c.line();
    if (intro == null || !(intro + "\n").equals(INTRO)) {
      if (startsWith(file, "AGE-SECRET-KEY-") || startsWith(file, "AGE-PLUGIN-")) {
        throw malformed("this is an age identity, not an encrypted file");
      }
      throw malformed("not an age v1 file: the first line must be 'age-encryption.org/v1'");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      int lineStart = c.pos;
      String line = c.line();
      if (line == null) {
        throw malformed("the header ends before its '---' line");
      }
      if (line.startsWith("---")) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 2 || !parts[0].equals("---")) {
          throw malformed("malformed '---' line");
        }
        byte[] mac = Base64Raw.decode(parts[1]).orElse(null);
        if (mac == null || mac.length != 32) {
          throw malformed("malformed header MAC");
        }
        if (stanzas.isEmpty()) {
          throw malformed("the header has no recipient stanzas");
        }
        byte[] macInput = Arrays.copyOf(file, lineStart + 3);
        return new Header(stanzas, mac, macInput, c.pos);
      }
      if (stanzas.size() == MAX_STANZAS) {
        throw malformed("more than " + MAX_STANZAS + " recipient stanzas");
      }
      stanzas.add(parseStanza(line, c));
    }
  }

  private static Stanza parseStanza(String first, Cursor c) throws MalformedException {
    String[] parts = first.split(" ", -1);
    if (!parts[0].equals("->") || parts.length < 2 || parts.length > MAX_ARGS + 2) {
      throw malformed("malformed stanza line");
    }
    for (int i = 1; i < parts.length; i++) {
      if (!isValidString(parts[i])) {
        throw malformed("malformed stanza line: empty argument or invalid character");
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = c.line();
      if (line == null) {
        throw malformed("a stanza body ends without a short line");
      }
      byte[] b = Base64Raw.decode(line).orElse(null);
      if (b == null) {
        throw malformed("malformed stanza body: not canonical unpadded base64");
      }
      if (line.length() > COLUMNS) {
        throw malformed("malformed stanza body: line longer than 64 columns");
      }
      body.writeBytes(b);
      if (b.length < BYTES_PER_LINE) {
        return new Stanza(parts[1], List.of(parts).subList(2, parts.length), body.toByteArray());
      }
    }
  }

  static boolean isValidString(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 33 || ch > 126) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] file, String prefix) {
    byte[] p = prefix.getBytes(US_ASCII);
    return file.length >= p.length && Arrays.equals(file, 0, p.length, p, 0, p.length);
  }

  private static MalformedException malformed(String message) {
    return new MalformedException(Part.HEADER, "invalid age header: " + message);
  }

  /**
   * Reads LF-terminated lines; a line with a CR or a non-ASCII byte is returned as-is and fails
   * later.
   */
  private static final class Cursor {
    private final byte[] b;
    private int pos;

    Cursor(byte[] b) {
      this.b = b;
    }

    /** The next line without its LF, or null if no LF-terminated line is left. */
    @Nullable String line() {
      for (int i = pos; i < b.length; i++) {
        if (b[i] == '\n') {
          String s = new String(b, pos, i - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
          pos = i + 1;
          return s;
        }
      }
      return null;
    }
  }
}
