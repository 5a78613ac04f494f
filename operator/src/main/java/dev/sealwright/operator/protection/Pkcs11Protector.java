package dev.sealwright.operator.protection;

import dev.sealwright.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A KEK on a PKCS#11 token (an HSM, a cloud HSM, SoftHSM2 in tests), used through the JDK's own
 * SunPKCS11 provider: an AES key that never leaves the token encrypts the identity with AES-GCM on
 * the token, the context as associated data.
 *
 * <p>Wrapped form: {@code 0x01 || 12-byte nonce || ciphertext || 16-byte tag}. A random nonce per
 * wrapping is safe: a KEK wraps a few keys a year, far below GCM's 2^32 random-nonce bound.
 */
public final class Pkcs11Protector implements KeyProtector {
  private static final byte VERSION = 1;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final Provider provider;
  private final SecretKey kek;
  private final String name;
  private final SecureRandom random = new SecureRandom();

  private Pkcs11Protector(Provider provider, SecretKey kek, String name) {
    this.provider = provider;
    this.kek = kek;
    this.name = name;
  }

  /**
   * Logs in to the token that the SunPKCS11 configuration file names and finds the AES key with
   * this alias (its {@code CKA_LABEL}).
   *
   * @throws KeyProtectionException naming what is wrong: the library, the PIN, or the key
   */
  public static Pkcs11Protector open(Path sunPkcs11Config, char[] pin, String keyAlias)
      throws KeyProtectionException {
    String name = "pkcs11:" + keyAlias;
    Provider provider;
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw KeyProtectionException.refused(
            name + ": this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
      }
      provider = base.configure(sunPkcs11Config.toString());
    } catch (ProviderException | IllegalArgumentException e) {
      throw KeyProtectionException.refused(
          name
              + ": cannot load the PKCS#11 configuration "
              + sunPkcs11Config
              + " (check its library and slot): "
              + e.getMessage());
    }
    Key key;
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      key = store.getKey(keyAlias, null);
    } catch (IOException e) {
      throw KeyProtectionException.refused(
          name + ": cannot log in to the token (check the PIN): " + e.getMessage());
    } catch (GeneralSecurityException | ProviderException e) {
      throw KeyProtectionException.unavailable(name + ": cannot read the token: " + e.getMessage());
    }
    if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw KeyProtectionException.refused(
          name
              + ": the token has no AES key labelled '"
              + keyAlias
              + "'; create one (docs/keys.md, \"PKCS#11\")");
    }
    return new Pkcs11Protector(provider, secret, name);
  }

  @Override
  public String kekName() {
    return name;
  }

  @Override
  public byte[] wrap(SecretBytes key, String context) throws KeyProtectionException {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    byte[] plain = key.toByteArray();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
      cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[1 + NONCE + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE);
      System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException | ProviderException e) {
      throw KeyProtectionException.unavailable(name + ": the token failed to wrap: " + e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Override
  public SecretBytes unwrap(byte[] wrapped, String context) throws KeyProtectionException {
    if (wrapped.length < 1 + NONCE + TAG_BITS / 8 || wrapped[0] != VERSION) {
      throw KeyProtectionException.refused(name + ": not a PKCS#11 wrapping of version 1");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
      cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, wrapped, 1, NONCE));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return SecretBytes.adopt(cipher.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE));
    } catch (AEADBadTagException e) {
      throw KeyProtectionException.refused(
          name + ": the wrapped identity does not open with this KEK (another key, or altered)");
    } catch (GeneralSecurityException | ProviderException e) {
      throw KeyProtectionException.unavailable(name + ": the token failed to unwrap: " + e);
    }
  }

  @Override
  public void close() {
    // The provider logs out when it is collected; SunPKCS11 has no explicit close.
  }
}
