package dev.sealwright.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The secret tag key {@code r} of one value (docs/format.md §3.1): 32 random bytes sealed in the
 * binding line as {@code valuekey=<base64url>}, never in clear and never in a {@link Binding}
 * (whose text appears in error messages). It turns the value into its public {@link ValueTag}.
 */
final class ValueKey {
  static final int LENGTH = 32;

  /** Characters of the unpadded base64url of a key, as written in the binding line. */
  static final int ENCODED_LENGTH = 43;

  private static final byte[] LABEL = "sealwright.dev/v1 value-tag\n".getBytes(US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretBytes key;

  private ValueKey(SecretBytes key) {
    this.key = key;
  }

  /** A new key, for a value sealed for the first time. */
  static ValueKey fresh() {
    byte[] r = new byte[LENGTH];
    RANDOM.nextBytes(r);
    return new ValueKey(SecretBytes.adopt(r));
  }

  /** The key from its binding-line field, or null unless the field is canonical. */
  static @Nullable ValueKey fromField(String field) {
    byte[] decoded = CanonicalBase64.urlUnpadded(field, LENGTH);
    return decoded == null ? null : new ValueKey(SecretBytes.adopt(decoded));
  }

  /** The binding-line field value: secret, goes only into the sealed plaintext. */
  String field() {
    byte[] r = key.toByteArray();
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(r);
    } finally {
      Arrays.fill(r, (byte) 0);
    }
  }

  /** The value's tag under this key. */
  ValueTag tag(byte[] value, int offset, int length) {
    byte[] r = key.toByteArray();
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(r, "HmacSHA256"));
      hmac.update(LABEL);
      hmac.update(value, offset, length);
      return ValueTag.of(hmac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    } finally {
      Arrays.fill(r, (byte) 0);
    }
  }

  void destroy() {
    key.destroy();
  }

  @Override
  public String toString() {
    return "ValueKey[redacted]";
  }
}
