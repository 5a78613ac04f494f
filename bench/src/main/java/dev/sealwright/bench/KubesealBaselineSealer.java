package dev.sealwright.bench;

import dev.sealwright.secret.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * kubeseal's sealing step with JDK providers, for the baseline only: Sealwright never writes this
 * format, so it lives in the benchmarks and not in core. Layout: 2-byte length, RSA-OAEP
 * (SHA-256/MGF1-SHA-256, label) of a 32-byte session key, AES-256-GCM under a zero nonce; base64.
 */
final class KubesealBaselineSealer {
  private final PublicKey publicKey;
  private final OAEPParameterSpec oaep;
  private final SecureRandom random = new SecureRandom();

  KubesealBaselineSealer(PublicKey publicKey, String label) {
    this.publicKey = publicKey;
    this.oaep =
        new OAEPParameterSpec(
            "SHA-256",
            "MGF1",
            MGF1ParameterSpec.SHA256,
            new PSource.PSpecified(label.getBytes(StandardCharsets.UTF_8)));
  }

  String seal(SecretBytes value) throws GeneralSecurityException {
    byte[] sessionKey = new byte[32];
    random.nextBytes(sessionKey);
    byte[] plaintext = value.toByteArray();
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, publicKey, oaep, random);
      byte[] wrapped = rsa.doFinal(sessionKey);

      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      // kubeseal's zero nonce is safe only because each session key seals one value.
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(sessionKey, "AES"),
          new GCMParameterSpec(128, new byte[12]));
      byte[] sealed = new byte[2 + wrapped.length + gcm.getOutputSize(plaintext.length)];
      ByteBuffer.wrap(sealed).putShort((short) wrapped.length).put(wrapped);
      gcm.doFinal(plaintext, 0, plaintext.length, sealed, 2 + wrapped.length);
      return Base64.getEncoder().encodeToString(sealed);
    } finally {
      Arrays.fill(sessionKey, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
  }
}
