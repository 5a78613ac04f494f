package dev.sealwright.age;

import dev.sealwright.crypto.ChaCha20Poly1305;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.hpke.Hpke;
import dev.sealwright.hpke.MlKem768X25519;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The post-quantum age identity {@code AGE-SECRET-KEY-PQ-1...}: a 32-byte MLKEM768-X25519 seed. */
public final class HybridIdentity implements Identity {
  static final String HRP = "AGE-SECRET-KEY-PQ-";
  private final MlKem768X25519.PrivateKey key;
  private final HybridRecipient recipient;

  private HybridIdentity(MlKem768X25519.PrivateKey key) {
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
  public Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws MalformedException {
    for (Stanza s : stanzas) {
      if (!s.type().equals(HybridRecipient.STANZA_TYPE)) {
        continue;
      }
      if (s.args().size() != 1) {
        throw invalid("an mlkem768x25519 stanza has exactly one argument");
      }
      byte[] enc = Base64Raw.decode(s.args().get(0)).orElse(null);
      if (enc == null || enc.length != MlKem768X25519.ENC_SIZE) {
        throw invalid("the mlkem768x25519 encapsulated key is not 1120 bytes of canonical base64");
      }
      byte[] body = s.body();
      if (body.length != Age.FILE_KEY_SIZE + ChaCha20Poly1305.TAG_SIZE) {
        throw invalid("the mlkem768x25519 stanza body is not a wrapped 16-byte file key");
      }
      Hpke.Context ctx =
          Hpke.setupBaseReceiver(HybridRecipient.KEM, enc, key, HybridRecipient.INFO)
              .orElseThrow(
                  () -> invalid("the X25519 part of the encapsulated key has small order"));
      Optional<byte[]> fileKey = ctx.open(0, new byte[0], body);
      if (fileKey.isPresent()) {
        return fileKey.map(SecretBytes::adopt);
      }
    }
    return Optional.empty();
  }

  private static MalformedException invalid(String why) {
    return new MalformedException(MalformedException.Part.HEADER, "invalid age header: " + why);
  }

  @Override
  public Optional<Recipient> recipient() {
    return Optional.of(recipient);
  }

  public HybridRecipient publicRecipient() {
    return recipient;
  }

  /** The identity string {@code AGE-SECRET-KEY-PQ-1...} as ASCII bytes. */
  public SecretBytes encoded() {
    return SecretBytes.adopt(Bech32.encode(HRP, key.seed()).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "HybridIdentity[redacted]";
  }
}
