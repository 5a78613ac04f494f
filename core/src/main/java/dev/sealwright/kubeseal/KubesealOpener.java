package dev.sealwright.kubeseal;

import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Opens values sealed by Bitnami's {@code kubeseal} with the controller's exported RSA private
 * keys: the starting point of a migration to Sealwright. Layout (see {@code
 * docs/kubeseal-compat.md}): 2-byte big-endian length of the RSA ciphertext, the RSA-OAEP (SHA-256,
 * MGF1-SHA-256, label from {@link KubesealLabel}) encryption of a 32-byte session key, then
 * AES-256-GCM ciphertext and tag under a zero nonce with no associated data.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>A value opens only with the right key <em>and</em> the label of the scope it was sealed
 *       for; a value copied to another namespace or name does not open in strict scope.
 *   <li>A wrong key, a wrong label and an altered value all fail with the same {@link
 *       AuthenticationFailedException} (part {@code PAYLOAD}); a failed RSA step still runs the GCM
 *       step under a random key, so the two failures also take the same path.
 *   <li>Kubeseal values carry no key id: every key of the right size is tried, as the Sealed
 *       Secrets controller does. The key size is public (it is the ciphertext length).
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class KubesealOpener {
  /** 1 MiB of value (Kubernetes' limit for a whole Secret) plus the largest RSA block and tag. */
  static final int MAX_SEALED_SIZE = (1 << 20) + 2 + 1024 + 16;

  private static final int SESSION_KEY_BYTES = 32;
  private static final int GCM_TAG_BYTES = 16;
  private static final int GCM_NONCE_BYTES = 12;
  private static final String FAILED =
      "the kubeseal value does not open: wrong key, wrong scope (namespace/name), or altered";

  private final List<RSAPrivateKey> keys;
  private final SecureRandom random = new SecureRandom();

  private KubesealOpener(List<RSAPrivateKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one RSA private key is needed");
    }
    this.keys = List.copyOf(keys);
  }

  /**
   * Reads the controller keys from PEM: {@code tls.key} of each {@code
   * sealedsecrets.bitnami.com/sealed-secrets-key} Secret (PKCS#1 or PKCS#8, several blocks allowed,
   * certificates ignored), or the base64 of that PEM as found in the Secret's {@code data}.
   *
   * @throws MalformedException with part {@code KEY} if there is no usable RSA private key
   */
  public static KubesealOpener fromPem(String pem) throws MalformedException {
    return new KubesealOpener(RsaPrivateKeyPem.parse(pem));
  }

  /**
   * Uses keys already loaded, for example from a key store.
   *
   * @throws IllegalArgumentException if {@code keys} is empty
   */
  public static KubesealOpener of(List<RSAPrivateKey> keys) {
    return new KubesealOpener(keys);
  }

  /**
   * Opens one value of a SealedSecret's {@code spec.encryptedData}, as kubeseal writes it: standard
   * base64 of the sealed bytes.
   */
  public SecretBytes openBase64(String encryptedData, KubesealLabel label) throws SealingException {
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(encryptedData.strip());
    } catch (IllegalArgumentException e) {
      throw new MalformedException(
          MalformedException.Part.ENVELOPE, "the kubeseal value is not standard base64");
    }
    return open(sealed, label);
  }

  /**
   * Opens the raw sealed bytes of one value.
   *
   * @throws MalformedException part {@code SIZE} over {@value #MAX_SEALED_SIZE} bytes, part {@code
   *     ENVELOPE} if the layout is cut short
   * @throws NoMatchingIdentityException if no key has the size the value was sealed to
   * @throws AuthenticationFailedException part {@code PAYLOAD} for a wrong key or label, or an
   *     altered value
   */
  public SecretBytes open(byte[] sealed, KubesealLabel label) throws SealingException {
    if (sealed.length > MAX_SEALED_SIZE) {
      throw new MalformedException(
          MalformedException.Part.SIZE,
          "the kubeseal value is larger than a Secret can be (1 MiB)");
    }
    if (sealed.length < 2) {
      throw layout("it is shorter than its 2-byte length prefix");
    }
    int rsaLength = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
    int gcmOffset = 2 + rsaLength;
    if (sealed.length < gcmOffset + GCM_TAG_BYTES) {
      throw layout("it is shorter than its RSA block of " + rsaLength + " bytes plus a GCM tag");
    }
    byte[] unwrappedKey = null;
    boolean sizeMatched = false;
    for (RSAPrivateKey key : keys) {
      if (modulusBytes(key) == rsaLength) {
        sizeMatched = true;
        unwrappedKey = unwrapSessionKey(key, sealed, rsaLength, label);
        if (unwrappedKey != null) {
          break;
        }
      }
    }
    if (!sizeMatched) {
      throw new NoMatchingIdentityException(
          "the kubeseal value was sealed to a "
              + rsaLength * 8
              + "-bit RSA key and none of the given keys has that size; export all controller keys");
    }
    boolean unwrapped = unwrappedKey != null;
    byte[] sessionKey = unwrappedKey;
    if (sessionKey == null) {
      sessionKey = new byte[SESSION_KEY_BYTES];
      random.nextBytes(sessionKey);
    }
    try {
      byte[] plaintext = openGcm(sessionKey, sealed, gcmOffset);
      if (!unwrapped) {
        // 2^-128: a random key verified the tag. Still a failure: the key was not the sealer's.
        Arrays.fill(plaintext, (byte) 0);
        throw new AuthenticationFailedException(AuthenticationFailedException.Part.PAYLOAD, FAILED);
      }
      return SecretBytes.adopt(plaintext);
    } finally {
      Arrays.fill(sessionKey, (byte) 0);
    }
  }

  /** The session key, or null if OAEP decoding fails (wrong key or label, or altered block). */
  private static byte @Nullable [] unwrapSessionKey(
      RSAPrivateKey key, byte[] sealed, int rsaLength, KubesealLabel label) {
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      // Spelled out because "OAEPWithSHA-256AndMGF1Padding" means MGF1 with SHA-1 in the JDK,
      // while kubeseal (Go's rsa.EncryptOAEP) uses SHA-256 for both.
      rsa.init(
          Cipher.DECRYPT_MODE,
          key,
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label.bytes())));
      byte[] sessionKey = rsa.doFinal(sealed, 2, rsaLength);
      if (sessionKey.length != SESSION_KEY_BYTES) {
        // kubeseal always writes AES-256 keys; anything else was not written by it.
        Arrays.fill(sessionKey, (byte) 0);
        return null;
      }
      return sessionKey;
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static byte[] openGcm(byte[] sessionKey, byte[] sealed, int offset)
      throws AuthenticationFailedException {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      // A zero nonce is safe here only because every session key seals exactly one value.
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(sessionKey, "AES"),
          new GCMParameterSpec(GCM_TAG_BYTES * 8, new byte[GCM_NONCE_BYTES]));
      return gcm.doFinal(sealed, offset, sealed.length - offset);
    } catch (GeneralSecurityException e) {
      throw new AuthenticationFailedException(AuthenticationFailedException.Part.PAYLOAD, FAILED);
    }
  }

  private static int modulusBytes(RSAPrivateKey key) {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  private static MalformedException layout(String problem) {
    return new MalformedException(
        MalformedException.Part.ENVELOPE,
        "the kubeseal value is cut short: "
            + problem
            + "; copy the whole encryptedData value of the SealedSecret");
  }
}
