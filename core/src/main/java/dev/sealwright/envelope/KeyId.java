package dev.sealwright.envelope;

import dev.sealwright.age.Recipient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key id of a recipient: the first 8 bytes of SHA-256 over its canonical string, as 16
 * lower-case hex digits. Public, stable, and the same for the recipient and its identity, so the
 * cluster opens a value with one lookup instead of trying every key.
 */
public record KeyId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

  public KeyId {
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a key id is 16 lower-case hex digits");
    }
  }

  public static KeyId of(Recipient recipient) {
    return ofRecipientString(recipient.encoded());
  }

  public static KeyId ofRecipientString(String recipient) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(recipient.getBytes(StandardCharsets.US_ASCII));
      return new KeyId(HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static boolean isValid(String s) {
    return FORMAT.matcher(s).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
