package dev.sealwright.hpke;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.X25519;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * DHKEM(X25519, HKDF-SHA256), RFC 9180 Section 4.1. Used here to test the HPKE composition against
 * the RFC's vectors; private keys are raw 32-byte scalars.
 */
public final class DhKemX25519 implements Kem<byte[]> {
  public static final int ID = 0x0020;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Labels labels = new Labels(Bytes.concat(Labels.ascii("KEM"), Labels.i2osp2(ID)));

  @Override
  public int id() {
    return ID;
  }

  @Override
  public int encSize() {
    return X25519.KEY_SIZE;
  }

  @Override
  public Encapsulation encapsulate(byte[] publicKey) {
    return insecureEncapsulateDeterministic(publicKey, X25519.generatePrivateKey(RANDOM));
  }

  /** Encapsulation with a given ephemeral key, for known-answer tests. */
  public Encapsulation insecureEncapsulateDeterministic(
      byte[] publicKey, byte[] ephemeralPrivateKey) {
    byte[] dh =
        X25519
            .dh(ephemeralPrivateKey, publicKey)
            .orElseThrow(() -> new IllegalArgumentException("X25519 public key has small order"));
    byte[] enc = X25519.publicKey(ephemeralPrivateKey);
    return new Encapsulation(extractAndExpand(dh, Bytes.concat(enc, publicKey)), enc);
  }

  @Override
  public Optional<byte[]> decapsulate(byte[] enc, byte[] privateKey) {
    if (enc.length != X25519.KEY_SIZE) {
      return Optional.empty();
    }
    byte[] pkR = X25519.publicKey(privateKey);
    return X25519.dh(privateKey, enc).map(dh -> extractAndExpand(dh, Bytes.concat(enc, pkR)));
  }

  /** RFC 9180 DeriveKeyPair for X25519: the private key for input keying material. */
  public byte[] derivePrivateKey(byte[] ikm) {
    byte[] prk = labels.extract(new byte[0], "dkp_prk", ikm);
    return labels.expand(prk, "sk", new byte[0], X25519.KEY_SIZE);
  }

  private byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
    byte[] prk = labels.extract(new byte[0], "eae_prk", dh);
    return labels.expand(prk, "shared_secret", kemContext, 32);
  }
}
