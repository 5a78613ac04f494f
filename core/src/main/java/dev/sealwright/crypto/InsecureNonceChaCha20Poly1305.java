package dev.sealwright.crypto;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) through the JDK's SunJCE provider, with the nonce chosen by the
 * caller: reusing a (key, nonce) pair reveals plaintexts and allows forgeries, hence the name.
 * Every caller here uses a key once (age's per-file and per-stanza keys) or a counter nonce
 * (STREAM).
 */
public final class InsecureNonceChaCha20Poly1305 {
  public static final int KEY_SIZE = 32;
  public static final int NONCE_SIZE = 12;
  public static final int TAG_SIZE = 16;

  private InsecureNonceChaCha20Poly1305() {}

  public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    try {
      Cipher c = init(Cipher.ENCRYPT_MODE, key, nonce);
      if (aad.length > 0) {
        c.updateAAD(aad);
      }
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /** Returns empty when the tag does not verify. */
  public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
    if (ciphertext.length < TAG_SIZE) {
      return Optional.empty();
    }
    try {
      Cipher c = init(Cipher.DECRYPT_MODE, key, nonce);
      if (aad.length > 0) {
        c.updateAAD(aad);
      }
      return Optional.of(c.doFinal(ciphertext));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    return c;
  }
}
