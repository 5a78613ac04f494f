package dev.sealwright.operator.keys;

import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.operator.protection.KeyProtector;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A KEK in this JVM (the JDK's AES-GCM), for unit tests of how key Secrets are stored and read. It
 * stands in for no provider: every real provider is tested against its real KEK holder in the
 * *ProtectionIT classes.
 */
final class JdkAesProtector implements KeyProtector {
  private final SecretKey key;
  private final String name;
  int unwraps;

  JdkAesProtector(String name) {
    this.name = name;
    try {
      KeyGenerator g = KeyGenerator.getInstance("AES");
      g.init(256);
      this.key = g.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String kekName() {
    return name;
  }

  @Override
  public byte[] wrap(SecretBytes plain, String context) throws KeyProtectionException {
    try {
      byte[] nonce = new byte[12];
      new SecureRandom().nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain.toByteArray());
      byte[] out = new byte[12 + ct.length];
      System.arraycopy(nonce, 0, out, 0, 12);
      System.arraycopy(ct, 0, out, 12, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw KeyProtectionException.unavailable(name + ": " + e);
    }
  }

  @Override
  public SecretBytes unwrap(byte[] wrapped, String context) throws KeyProtectionException {
    unwraps++;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, 12));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return SecretBytes.adopt(c.doFinal(wrapped, 12, wrapped.length - 12));
    } catch (AEADBadTagException e) {
      throw KeyProtectionException.refused(name + ": does not open with this KEK");
    } catch (GeneralSecurityException e) {
      throw KeyProtectionException.unavailable(name + ": " + e);
    }
  }

  @Override
  public void close() {}
}
