package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.errors.MalformedException;
import dev.sealwright.hpke.Hpke;
import dev.sealwright.hpke.MlKem768X25519;
import java.util.List;

/**
 * The post-quantum age recipient {@code age1pq1...}: HPKE with the hybrid KEM MLKEM768-X25519. It
 * carries the label {@code postquantum} so it is never mixed with classic recipients.
 */
public final class HybridRecipient implements Recipient {
  static final String STANZA_TYPE = "mlkem768x25519";
  static final String HRP = "age1pq";
  static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(US_ASCII);
  static final MlKem768X25519 KEM = new MlKem768X25519();

  private final byte[] publicKey;

  HybridRecipient(byte[] publicKey) {
    this.publicKey = publicKey.clone();
  }

  /** Parses {@code age1pq1...}. */
  public static HybridRecipient parse(String s) throws MalformedException {
    Bech32 b = Bech32.decode(s).orElse(null);
    if (b == null || !b.hrp().equals(HRP)) {
      throw new MalformedException(
          MalformedException.Part.KEY, "invalid post-quantum recipient: expected age1pq1...");
    }
    try {
      MlKem768X25519.checkPublicKey(b.data());
    } catch (IllegalArgumentException e) {
      throw new MalformedException(
          MalformedException.Part.KEY, "invalid post-quantum recipient: " + e.getMessage());
    }
    return new HybridRecipient(b.data());
  }

  @Override
  public List<Stanza> wrap(byte[] fileKey) {
    Hpke.Sender sender = Hpke.setupBaseSender(KEM, publicKey, INFO);
    byte[] body = sender.context().sealOnce(new byte[0], fileKey);
    return List.of(new Stanza(STANZA_TYPE, List.of(Base64Raw.encode(sender.enc())), body));
  }

  @Override
  public List<String> labels() {
    return List.of("postquantum");
  }

  @Override
  public String encoded() {
    return Bech32.encode(HRP, publicKey);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
