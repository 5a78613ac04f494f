package dev.sealwright.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KEM;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

/**
 * ML-KEM-768 (FIPS 203). Encapsulation uses the JDK's ML-KEM; keys that start from a 64-byte seed
 * (as age's post-quantum identities do) come from Bouncy Castle, because JDK 25 has no public API
 * to build an ML-KEM private key from a seed (its KeyFactory imports only expanded PKCS#8 keys).
 */
public final class MlKem768 {
  public static final int SEED_SIZE = 64;
  public static final int PUBLIC_KEY_SIZE = 1184;
  public static final int CIPHERTEXT_SIZE = 1088;
  public static final int SHARED_SECRET_SIZE = 32;

  /**
   * DER of SubjectPublicKeyInfo up to the key bits, for OID id-alg-ml-kem-768
   * (2.16.840.1.101.3.4.4.2).
   */
  private static final byte[] SPKI_PREFIX =
      HexFormat.of().parseHex("308204b2300b0609608648016503040402038204a100");

  /** DER of a PKCS#8 PrivateKeyInfo up to the 2400-byte expanded key, as the JDK encodes it. */
  private static final byte[] PKCS8_EXPANDED_PREFIX =
      HexFormat.of().parseHex("30820978020100300b06096086480165030404020482096404820960");

  private static final int EXPANDED_KEY_SIZE = 2400;

  private MlKem768() {}

  /** A decapsulation key derived from its seed, held as a JDK private key. */
  public static final class DecapsulationKey {
    private final PrivateKey key;
    private final byte[] encapsulationKey;

    private DecapsulationKey(PrivateKey key, byte[] encapsulationKey) {
      this.key = key;
      this.encapsulationKey = encapsulationKey;
    }

    public static DecapsulationKey fromSeed(byte[] seed) {
      if (seed.length != SEED_SIZE) {
        throw new IllegalArgumentException("an ML-KEM-768 seed is 64 bytes");
      }
      MLKEMPrivateKeyParameters expanded =
          new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed)
              .withPreferredFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY);
      byte[] dk = expanded.getEncoded();
      if (dk.length != EXPANDED_KEY_SIZE) {
        throw new IllegalStateException("unexpected ML-KEM-768 expanded key size");
      }
      byte[] pkcs8 = Bytes.concat(PKCS8_EXPANDED_PREFIX, dk);
      try {
        PrivateKey key =
            KeyFactory.getInstance("ML-KEM").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new DecapsulationKey(key, expanded.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK refused an expanded ML-KEM-768 key", e);
      } finally {
        Arrays.fill(dk, (byte) 0);
        Arrays.fill(pkcs8, (byte) 0);
        expanded.destroy();
      }
    }

    public byte[] encapsulationKey() {
      return encapsulationKey.clone();
    }

    /**
     * ML-KEM decapsulation; implicit rejection yields a pseudo-random secret for a bad ciphertext.
     */
    public byte[] decapsulate(byte[] ciphertext) {
      if (ciphertext.length != CIPHERTEXT_SIZE) {
        throw new IllegalArgumentException("an ML-KEM-768 ciphertext is 1088 bytes");
      }
      try {
        return KEM.getInstance("ML-KEM").newDecapsulator(key).decapsulate(ciphertext).getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("ML-KEM-768 decapsulation failed", e);
      }
    }

    /** Destroys the JDK key, which zeros its key bytes; decapsulation fails afterwards. */
    public void destroy() {
      try {
        key.destroy();
      } catch (javax.security.auth.DestroyFailedException e) {
        throw new IllegalStateException("the JDK could not destroy an ML-KEM-768 key", e);
      }
    }

    @Override
    public String toString() {
      return "MlKem768.DecapsulationKey[redacted]";
    }
  }

  /** The result of encapsulation: a shared secret and the ciphertext that carries it. */
  public record Encapsulated(byte[] sharedSecret, byte[] ciphertext) {}

  /**
   * Checks an encapsulation key as FIPS 203 requires (length and modulus check, done by the JDK on
   * import) and returns it in the JDK's form.
   *
   * @throws IllegalArgumentException if the key is invalid
   */
  public static PublicKey importEncapsulationKey(byte[] encapsulationKey) {
    if (encapsulationKey.length != PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException("an ML-KEM-768 public key is 1184 bytes");
    }
    byte[] spki = Bytes.concat(SPKI_PREFIX, encapsulationKey);
    try {
      PublicKey key = KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(spki));
      // The KeyFactory does not run FIPS 203's modulus check (every coefficient below q); the
      // encapsulator does, so a bad key is refused here and not as a failed encapsulation later.
      KEM.getInstance("ML-KEM").newEncapsulator(key);
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid ML-KEM-768 public key", e);
    }
  }

  public static Encapsulated encapsulate(PublicKey encapsulationKey) {
    try {
      KEM.Encapsulated e =
          KEM.getInstance("ML-KEM").newEncapsulator(encapsulationKey).encapsulate();
      return new Encapsulated(e.key().getEncoded(), e.encapsulation());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ML-KEM-768 encapsulation failed", e);
    }
  }
}
