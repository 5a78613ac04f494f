package dev.sealwright.age;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.Hkdf;
import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import dev.sealwright.crypto.X25519;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/** The classic age identity {@code AGE-SECRET-KEY-1...}. */
public final class X25519Identity extends NativeIdentity {
  static final String HRP = "AGE-SECRET-KEY-";
  private final byte[] secretKey;
  private final X25519Recipient recipient;

  private X25519Identity(byte[] secretKey) {
    super(X25519Recipient.STANZA_TYPE, X25519.KEY_SIZE);
    this.secretKey = secretKey.clone();
    this.recipient = new X25519Recipient(X25519.publicKey(secretKey));
  }

  public static X25519Identity generate() {
    return new X25519Identity(X25519.generatePrivateKey(new SecureRandom()));
  }

  /** Parses {@code AGE-SECRET-KEY-1...}; the message never contains the key. */
  public static X25519Identity parse(String s) throws MalformedException {
    Bech32 b = Bech32.decode(s).orElse(null);
    if (b == null || !b.hrp().equals(HRP) || b.data().length != X25519.KEY_SIZE) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "invalid X25519 identity: expected AGE-SECRET-KEY-1... (Bech32, 32 bytes)");
    }
    return new X25519Identity(b.data());
  }

  @Override
  Optional<byte[]> unwrapFileKey(byte[] share, byte[] body) throws MalformedException {
    byte[] secret =
        X25519.dh(secretKey, share).orElseThrow(() -> invalid("the X25519 share has small order"));
    byte[] salt = Bytes.concat(share, recipient.publicKey());
    byte[] key =
        Hkdf.derive(secret, salt, X25519Recipient.LABEL, InsecureNonceChaCha20Poly1305.KEY_SIZE);
    return InsecureNonceChaCha20Poly1305.open(
        key, new byte[InsecureNonceChaCha20Poly1305.NONCE_SIZE], body, new byte[0]);
  }

  @Override
  public X25519Recipient publicRecipient() {
    return recipient;
  }

  @Override
  void zero() {
    java.util.Arrays.fill(secretKey, (byte) 0);
  }

  @Override
  public SecretBytes encoded() {
    requireNotDestroyed();
    return SecretBytes.adopt(Bech32.encode(HRP, secretKey).getBytes(StandardCharsets.US_ASCII));
  }
}
