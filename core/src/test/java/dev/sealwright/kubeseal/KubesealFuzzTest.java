package dev.sealwright.kubeseal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.SealingException;
import dev.sealwright.testing.Fuzzing;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the kubeseal format: a sealed value (raw and as the base64 of {@code
 * encryptedData}) opened with a fixed 2048-bit key, and the controller key PEM parser. Only the
 * {@link SealingException} family may escape.
 */
public final class KubesealFuzzTest {
  private static final KeyPair KEY = fixedKey();
  private static final KubesealOpener OPENER =
      KubesealOpener.of(List.of((RSAPrivateKey) KEY.getPrivate()));
  private static final KubesealLabel LABEL = KubesealLabel.strict("prod", "db");

  public static void fuzzerTestOneInput(byte[] input) {
    String text = new String(input, ISO_8859_1);
    try {
      OPENER.open(input, LABEL).destroy();
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      OPENER.openBase64(text, LABEL).destroy();
    } catch (SealingException expected) {
      // the documented failures
    }
    try {
      KubesealOpener.fromPem(text);
    } catch (SealingException expected) {
      // the documented failure
    }
  }

  /** The same key in every JVM: the crash files of one run reproduce in another. */
  private static KeyPair fixedKey() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(0x5ea1_0000L);
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A value in kubeseal's layout, sealed here with the JDK (the layout is in the opener). */
  private static byte[] seal(byte[] value, KubesealLabel label) throws GeneralSecurityException {
    byte[] sessionKey = new byte[32];
    Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
    rsa.init(
        Cipher.ENCRYPT_MODE,
        KEY.getPublic(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label.bytes())));
    byte[] wrapped = rsa.doFinal(sessionKey);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(sessionKey, "AES"),
        new GCMParameterSpec(128, new byte[12]));
    byte[] sealed = gcm.doFinal(value);
    byte[] out = new byte[2 + wrapped.length + sealed.length];
    out[0] = (byte) (wrapped.length >>> 8);
    out[1] = (byte) wrapped.length;
    System.arraycopy(wrapped, 0, out, 2, wrapped.length);
    System.arraycopy(sealed, 0, out, 2 + wrapped.length, sealed.length);
    return out;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static List<byte[]> seeds() throws GeneralSecurityException {
    List<byte[]> seeds = new ArrayList<>();
    for (String v : new String[] {"", "hunter2", "x".repeat(100)}) {
      byte[] sealed = seal(v.getBytes(US_ASCII), LABEL);
      seeds.add(sealed);
      seeds.add(Base64.getEncoder().encode(sealed));
    }
    seeds.add(Base64.getEncoder().encode(seal(new byte[1], KubesealLabel.clusterWide())));
    byte[] pkcs8 = KEY.getPrivate().getEncoded();
    // PrivateKeyInfo: SEQUENCE header (4), version (3), algorithm (15), OCTET STRING header (4).
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    String pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1);
    seeds.add(pkcs1Pem.getBytes(US_ASCII));
    seeds.add(pem("PRIVATE KEY", pkcs8).getBytes(US_ASCII));
    seeds.add(Base64.getEncoder().encode(pkcs1Pem.getBytes(US_ASCII)));
    seeds.add(
        ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                + "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n")
            .getBytes(US_ASCII));
    return seeds;
  }

  @Test
  void seeds_replayed_noFinding() throws Exception {
    Fuzzing.replay(KubesealFuzzTest.class, seeds());
  }

  @Test
  void jazzer_forTheBudget_noFinding() throws Exception {
    Fuzzing.fuzz(KubesealFuzzTest.class, seeds());
  }
}
