package dev.sealwright.envelope;

import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the fixed-length base64 fields of the format (the value tag, the tag key), accepting only
 * the one canonical text of each byte string: JDK decoders also take non-zero unused bits, and the
 * URL decoder a missing or present padding alike.
 */
final class CanonicalBase64 {
  private CanonicalBase64() {}

  /** Standard base64 with padding of exactly {@code length} bytes, or null. */
  static byte @Nullable [] standard(String text, int length) {
    return decode(text, length, Base64.getDecoder(), Base64.getEncoder());
  }

  /** Unpadded base64url of exactly {@code length} bytes, or null. */
  static byte @Nullable [] urlUnpadded(String text, int length) {
    return decode(text, length, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding());
  }

  private static byte @Nullable [] decode(
      String text, int length, Base64.Decoder decoder, Base64.Encoder encoder) {
    byte[] decoded;
    try {
      decoded = decoder.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (decoded.length != length || !encoder.encodeToString(decoded).equals(text)) {
      Arrays.fill(decoded, (byte) 0);
      return null;
    }
    return decoded;
  }
}
