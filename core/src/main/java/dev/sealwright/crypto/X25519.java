package dev.sealwright.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/** X25519 (RFC 7748) on raw 32-byte keys, through the JDK's SunEC provider. */
public final class X25519 {
  public static final int KEY_SIZE = 32;
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final byte[] BASE_POINT = basePoint();

  private X25519() {}

  private static byte[] basePoint() {
    byte[] b = new byte[KEY_SIZE];
    b[0] = 9;
    return b;
  }

  public static byte[] generatePrivateKey(SecureRandom random) {
    byte[] k = new byte[KEY_SIZE];
    random.nextBytes(k);
    return k;
  }

  public static byte[] publicKey(byte[] privateKey) {
    return dh(privateKey, BASE_POINT)
        .orElseThrow(() -> new IllegalStateException("X25519 base point multiplication failed"));
  }

  /**
   * Whether {@code publicKey} is a point of small order (such as all zeros), with which every
   * exchange gives the all-zero secret: a recipient that no one can decrypt for. Every clamped
   * scalar is a multiple of the cofactor 8, so one fixed probe scalar shows it.
   */
  public static boolean hasSmallOrder(byte[] publicKey) {
    byte[] probe = new byte[KEY_SIZE];
    java.util.Arrays.fill(probe, (byte) 0x5a);
    return dh(probe, publicKey).isEmpty();
  }

  /**
   * The shared secret, or empty when the peer's point has small order (an all-zero result), which
   * every caller here must refuse.
   */
  public static Optional<byte[]> dh(byte[] privateKey, byte[] peerPublicKey) {
    if (privateKey.length != KEY_SIZE || peerPublicKey.length != KEY_SIZE) {
      throw new IllegalArgumentException("X25519 keys are 32 bytes");
    }
    try {
      KeyFactory kf = KeyFactory.getInstance("XDH");
      PrivateKey sk =
          kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
      PublicKey pk =
          kf.generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(peerPublicKey)));
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(sk);
      ka.doPhase(pk, true);
      byte[] shared = ka.generateSecret();
      return isZero(shared) ? Optional.empty() : Optional.of(shared);
    } catch (InvalidKeyException e) {
      // SunEC rejects small-order results itself.
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 failed", e);
    }
  }

  /** RFC 7748 decodeUCoordinate: little-endian, top bit masked, reduced modulo p. */
  private static BigInteger decodeU(byte[] u) {
    byte[] be = new byte[KEY_SIZE];
    for (int i = 0; i < KEY_SIZE; i++) {
      be[i] = u[KEY_SIZE - 1 - i];
    }
    be[0] &= 0x7f;
    return new BigInteger(1, be).mod(P);
  }

  private static boolean isZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }
}
