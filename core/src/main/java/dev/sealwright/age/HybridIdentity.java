package dev.sealwright.age;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.hpke.Hpke;
import dev.sealwright.hpke.MlKem768X25519;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The post-quantum age identity {@code AGE-SECRET-KEY-PQ-1...}: a 32-byte MLKEM768-X25519 seed. */
public final class HybridIdentity extends NativeIdentity {
  static final String HRP = "AGE-SECRET-KEY-PQ-";
  private final MlKem768X25519.PrivateKey key;
  private final HybridRecipient recipient;

  private HybridIdentity(MlKem768X25519.PrivateKey key) {
    super(HybridRecipient.STANZA_TYPE, MlKem768X25519.ENC_SIZE);
    this.key = key;
    this.recipient = new HybridRecipient(key.publicKey());
  }

  public static HybridIdentity generate() {
    return new HybridIdentity(MlKem768X25519.PrivateKey.generate());
  }

  /** Parses {@code AGE-SECRET-KEY-PQ-1...}; the message never contains the key. */
  public static HybridIdentity parse(String s) throws MalformedException {
    Bech32 b = Bech32.decode(s).orElse(null);
    if (b == null || !b.hrp().equals(HRP) || b.data().length != MlKem768X25519.SEED_SIZE) {
      throw new MalformedException(
          MalformedException.Part.KEY,
          "invalid post-quantum identity: expected AGE-SECRET-KEY-PQ-1... (Bech32, 32 bytes)");
    }
    return new HybridIdentity(MlKem768X25519.PrivateKey.fromSeed(b.data()));
  }

  @Override
  Optional<byte[]> unwrapFileKey(byte[] enc, byte[] body) throws MalformedException {
    Hpke.Context ctx =
        Hpke.setupBaseReceiver(HybridRecipient.KEM, enc, key, HybridRecipient.INFO)
            .orElseThrow(() -> invalid("the X25519 part of the encapsulated key has small order"));
    // ML-KEM rejects implicitly: a key mismatch shows only here, as a failed open.
    return ctx.openOnce(new byte[0], body);
  }

  @Override
  public HybridRecipient publicRecipient() {
    return recipient;
  }

  @Override
  void zero() {
    key.destroy();
  }

  @Override
  public SecretBytes encoded() {
    requireNotDestroyed();
    return SecretBytes.adopt(Bech32.encode(HRP, key.seed()).getBytes(StandardCharsets.US_ASCII));
  }
}
