package dev.sealwright.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KEM;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
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

  private MlKem768() {}

  /** A decapsulation key derived from its seed; holds the Bouncy Castle parameters. */
  public static final class DecapsulationKey {
    private final MLKEMPrivateKeyParameters key;

    private DecapsulationKey(MLKEMPrivateKeyParameters key) {
      this.key = key;
    }

    public static DecapsulationKey fromSeed(byte[] seed) {
      if (seed.length != SEED_SIZE) {
        throw new IllegalArgumentException("an ML-KEM-768 seed is 64 bytes");
      }
      return new DecapsulationKey(new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, seed));
    }

    public byte[] encapsulationKey() {
      return key.getPublicKey();
    }

    /**
     * ML-KEM decapsulation; implicit rejection yields a pseudo-random secret for a bad ciphertext.
     */
    public byte[] decapsulate(byte[] ciphertext) {
      if (ciphertext.length != CIPHERTEXT_SIZE) {
        throw new IllegalArgumentException("an ML-KEM-768 ciphertext is 1088 bytes");
      }
      return new MLKEMExtractor(key).extractSecret(ciphertext);
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
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_SIZE);
    System.arraycopy(encapsulationKey, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_SIZE);
    try {
      return KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(spki));
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
