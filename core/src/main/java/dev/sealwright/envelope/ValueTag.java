package dev.sealwright.envelope;

import dev.sealwright.errors.AuthenticationFailedException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The clear value tag of an envelope (docs/format.md §3.1): {@code HMAC-SHA256(r,
 * "sealwright.dev/v1 value-tag" LF value)}, where {@code r} is a random tag key sealed inside the
 * envelope. Re-sealing an opened value keeps {@code r} and so the tag; a new value gets a new
 * {@code r}. Two envelopes of one item with equal tags therefore hold the same value, while tags of
 * separately sealed values are unrelated even when the values are equal.
 *
 * <p>Tags are public (they travel in clear), so {@link #toString()} prints a short prefix such as
 * {@code vt:1a2b3c4d}; {@link #equals} is constant-time all the same.
 */
public final class ValueTag {
  /** The length of a tag in bytes (the full HMAC-SHA256 output). */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private ValueTag(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException unless {@code bytes} is {@link #LENGTH} bytes long
   */
  public static ValueTag of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a value tag is " + LENGTH + " bytes, not " + bytes.length);
    }
    return new ValueTag(bytes.clone());
  }

  /** The tag as the envelope's sixth field carries it, or null unless it is in canonical form. */
  static @Nullable ValueTag fromField(String field) {
    byte[] decoded = CanonicalBase64.standard(field, LENGTH);
    return decoded == null ? null : new ValueTag(decoded);
  }

  /**
   * Checks an opened envelope's clear tag against its sealed tag key (docs/format.md §3.1): both
   * absent (written before value tags), or both present and the tag is the value's. Anything else
   * means a tag in clear that the sealer did not write.
   *
   * @param plaintext the age plaintext; the value runs from {@code valueOffset} to its end
   */
  static void check(
      @Nullable ValueTag clear, @Nullable ValueKey key, byte[] plaintext, int valueOffset)
      throws AuthenticationFailedException {
    if (clear == null && key == null) {
      return;
    }
    if (clear == null
        || key == null
        || !clear.equals(key.tag(plaintext, valueOffset, plaintext.length - valueOffset))) {
      throw new AuthenticationFailedException(
          AuthenticationFailedException.Part.VALUE_TAG,
          "the value tag does not match the sealed value");
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Standard base64 with padding, 44 characters: the form in the envelope. */
  public String encoded() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueTag t && MessageDigest.isEqual(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code vt:} and the first 4 bytes in hex: enough to tell tags apart when reading a diff. */
  @Override
  public String toString() {
    return "vt:" + HexFormat.of().formatHex(bytes, 0, 4);
  }
}
