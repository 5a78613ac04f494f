package dev.sealwright.age;

import java.util.Base64;
import java.util.Optional;

/**
 * The unpadded standard base64 of the age header: decoders must refuse padding, line breaks and
 * non-canonical encodings (non-zero trailing bits), which Java's decoder would accept.
 */
final class Base64Raw {
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private Base64Raw() {}

  static String encode(byte[] b) {
    return ENCODER.encodeToString(b);
  }

  /** The decoded bytes, or empty if {@code s} is not canonical unpadded base64. */
  static Optional<byte[]> decode(String s) {
    if (s.length() % 4 == 1) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return Optional.empty();
      }
    }
    byte[] b = DECODER.decode(s);
    return ENCODER.encodeToString(b).equals(s) ? Optional.of(b) : Optional.empty();
  }
}
