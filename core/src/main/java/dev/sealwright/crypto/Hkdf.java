package dev.sealwright.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/** HKDF-SHA256 (RFC 5869) through the JDK's {@link KDF} API. */
public final class Hkdf {
  private Hkdf() {}

  /** Extract-then-expand; an empty salt means the RFC's default of zeros. */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFParameterSpec.Builder b = HKDFParameterSpec.ofExtract().addIKM(ikm);
    if (salt.length > 0) {
      b.addSalt(salt);
    }
    return run(b.thenExpand(info, length));
  }

  public static byte[] extract(byte[] salt, byte[] ikm) {
    HKDFParameterSpec.Builder b = HKDFParameterSpec.ofExtract();
    if (ikm.length > 0) {
      b.addIKM(ikm);
    }
    if (salt.length > 0) {
      b.addSalt(salt);
    }
    try {
      SecretKey prk = kdf().deriveKey("Generic", b.extractOnly());
      return prk.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 extract failed", e);
    }
  }

  public static byte[] expand(byte[] prk, byte[] info, int length) {
    return run(
        HKDFParameterSpec.expandOnly(
            new javax.crypto.spec.SecretKeySpec(prk, "Generic"), info, length));
  }

  private static byte[] run(java.security.spec.AlgorithmParameterSpec spec) {
    try {
      return kdf().deriveData(spec);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 failed", e);
    }
  }

  private static KDF kdf() throws GeneralSecurityException {
    return KDF.getInstance("HKDF-SHA256");
  }
}
