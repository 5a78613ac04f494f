package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.Hkdf;
import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import dev.sealwright.crypto.X25519;
import dev.sealwright.errors.MalformedException;
import java.security.SecureRandom;
import java.util.List;

/** The classic age recipient {@code age1...}: X25519, not safe against quantum computers. */
public final class X25519Recipient implements Recipient {
  static final String STANZA_TYPE = "X25519";
  static final String HRP = "age";
  static final byte[] LABEL = "age-encryption.org/v1/X25519".getBytes(US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] publicKey;

  X25519Recipient(byte[] publicKey) {
    this.publicKey = publicKey.clone();
  }

  /** Parses {@code age1...}. */
  public static X25519Recipient parse(String s) throws MalformedException {
    Bech32 b = Bech32.decode(s).orElse(null);
    if (b == null || !b.hrp().equals(HRP) || b.data().length != X25519.KEY_SIZE) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "invalid X25519 recipient: expected age1... (Bech32, 32 bytes)");
    }
    if (X25519.hasSmallOrder(b.data())) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "invalid X25519 recipient: the public key is a point of small order (such as all"
              + " zeros); no one could decrypt for it");
    }
    return new X25519Recipient(b.data());
  }

  @Override
  public List<Stanza> wrap(byte[] fileKey) {
    byte[] ephemeral = X25519.generatePrivateKey(RANDOM);
    byte[] share = X25519.publicKey(ephemeral);
    byte[] secret =
        X25519
            .dh(ephemeral, publicKey)
            .orElseThrow(() -> new IllegalStateException("recipient public key has small order"));
    byte[] salt = Bytes.concat(share, publicKey);
    byte[] key = Hkdf.derive(secret, salt, LABEL, InsecureNonceChaCha20Poly1305.KEY_SIZE);
    byte[] body =
        InsecureNonceChaCha20Poly1305.seal(
            key, new byte[InsecureNonceChaCha20Poly1305.NONCE_SIZE], fileKey, new byte[0]);
    return List.of(new Stanza(STANZA_TYPE, List.of(Base64Raw.encode(share)), body));
  }

  @Override
  public String encoded() {
    return Bech32.encode(HRP, publicKey);
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public String toString() {
    return encoded();
  }
}
