package dev.sealwright.cli.sops;

import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOPS' value cipher ({@code aes/cipher.go}): AES-256-GCM with a 32-byte IV, the 16-byte tag stored
 * apart, and the value's path ({@code key:key:}) as additional data.
 */
final class SopsCipher {
  static final int DATA_KEY_SIZE = 32;
  private static final int TAG_BYTES = 16;
  private static final Pattern ENC =
      Pattern.compile(
          "ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]+),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:([a-z]+)\\]");
  private static final Set<String> VALUE_TYPES =
      Set.of("str", "int", "float", "bool", "bytes", "time");

  /** Why a value did not open; the message never holds the value. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean authentication;

    Failure(String message, boolean authentication) {
      super(message);
      this.authentication = authentication;
    }
  }

  private SopsCipher() {}

  static boolean looksEncrypted(String text) {
    return text.startsWith("ENC[AES256_GCM,");
  }

  /**
   * Opens one {@code ENC[...]} value.
   *
   * @param additionalData the path as SOPS joins it ({@code data:password:}), or the lastmodified
   *     time for the MAC
   */
  static SopsValue.Leaf decrypt(String value, byte[] dataKey, String additionalData)
      throws Failure {
    Matcher m = ENC.matcher(value);
    if (!m.matches()) {
      throw new Failure("is not a SOPS ENC[AES256_GCM,...] value", false);
    }
    String type = m.group(4);
    if (!VALUE_TYPES.contains(type)) {
      throw new Failure("has the unknown SOPS type '" + type + "'", false);
    }
    byte[] data;
    byte[] iv;
    byte[] tag;
    try {
      data = Base64.getDecoder().decode(m.group(1));
      iv = Base64.getDecoder().decode(m.group(2));
      tag = Base64.getDecoder().decode(m.group(3));
    } catch (IllegalArgumentException e) {
      throw new Failure("has invalid base64", false);
    }
    if (tag.length != TAG_BYTES || iv.length == 0) {
      throw new Failure("has a malformed iv or tag", false);
    }
    byte[] sealed = new byte[data.length + tag.length];
    System.arraycopy(data, 0, sealed, 0, data.length);
    System.arraycopy(tag, 0, sealed, data.length, tag.length);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, iv));
      gcm.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
      return new SopsValue.Leaf(SecretBytes.adopt(gcm.doFinal(sealed)), type, true);
    } catch (AEADBadTagException e) {
      throw new Failure("failed authentication", true);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }
}
