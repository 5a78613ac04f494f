package dev.sealwright.hpke;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import java.util.Optional;

/**
 * HPKE (RFC 9180) in base mode with HKDF-SHA256 and ChaCha20-Poly1305, over any {@link Kem}. The
 * JDK has no HPKE class, so the key schedule is composed here from JDK primitives; it is tested
 * with the RFC's published vectors.
 */
public final class Hpke {
  static final int KDF_HKDF_SHA256 = 0x0001;
  static final int AEAD_CHACHA20_POLY1305 = 0x0003;
  private static final int MODE_BASE = 0x00;

  private Hpke() {}

  /** The sender's side: an encapsulated key and the context to seal with. */
  public record Sender(byte[] enc, Context context) {}

  public static <K> Sender setupBaseSender(Kem<K> kem, byte[] publicKey, byte[] info) {
    Kem.Encapsulation e = kem.encapsulate(publicKey);
    return new Sender(e.enc(), keySchedule(kem.id(), e.sharedSecret(), info));
  }

  /** The receiver's context, or empty if {@code enc} is invalid. */
  public static <K> Optional<Context> setupBaseReceiver(
      Kem<K> kem, byte[] enc, K privateKey, byte[] info) {
    return kem.decapsulate(enc, privateKey).map(ss -> keySchedule(kem.id(), ss, info));
  }

  private static byte[] suiteId(int kemId) {
    return Bytes.concat(
        Labels.ascii("HPKE"),
        Labels.i2osp2(kemId),
        Labels.i2osp2(KDF_HKDF_SHA256),
        Labels.i2osp2(AEAD_CHACHA20_POLY1305));
  }

  static Context keySchedule(int kemId, byte[] sharedSecret, byte[] info) {
    Labels l = new Labels(suiteId(kemId));
    byte[] empty = new byte[0];
    byte[] pskIdHash = l.extract(empty, "psk_id_hash", empty);
    byte[] infoHash = l.extract(empty, "info_hash", info);
    byte[] context = Bytes.concat(new byte[] {MODE_BASE}, pskIdHash, infoHash);
    byte[] secret = l.extract(sharedSecret, "secret", empty);
    return new Context(
        l.expand(secret, "key", context, InsecureNonceChaCha20Poly1305.KEY_SIZE),
        l.expand(secret, "base_nonce", context, InsecureNonceChaCha20Poly1305.NONCE_SIZE),
        l.expand(secret, "exp", context, 32));
  }

  /**
   * An HPKE encryption context. Every use here is single-shot ({@link #sealOnce}, {@link
   * #openOnce}); the explicit-sequence forms exist for the RFC 9180 vectors and are named {@code
   * insecure*} because a repeated sequence number reuses a nonce.
   */
  public static final class Context {
    private final byte[] key;
    private final byte[] baseNonce;
    private final byte[] exporterSecret;

    Context(byte[] key, byte[] baseNonce, byte[] exporterSecret) {
      this.key = key;
      this.baseNonce = baseNonce;
      this.exporterSecret = exporterSecret;
    }

    /** Seals the one message of this context (sequence number 0). */
    public byte[] sealOnce(byte[] aad, byte[] plaintext) {
      return insecureSeal(0, aad, plaintext);
    }

    /** Opens the one message of this context (sequence number 0). */
    public Optional<byte[]> openOnce(byte[] aad, byte[] ciphertext) {
      return insecureOpen(0, aad, ciphertext);
    }

    /** Seals at a caller-chosen sequence number; never use one twice. */
    public byte[] insecureSeal(long sequence, byte[] aad, byte[] plaintext) {
      return InsecureNonceChaCha20Poly1305.seal(key, nonce(sequence), plaintext, aad);
    }

    public Optional<byte[]> insecureOpen(long sequence, byte[] aad, byte[] ciphertext) {
      return InsecureNonceChaCha20Poly1305.open(key, nonce(sequence), ciphertext, aad);
    }

    /** RFC 9180 secret export. */
    public byte[] export(int kemId, byte[] exporterContext, int length) {
      return new Labels(suiteId(kemId)).expand(exporterSecret, "sec", exporterContext, length);
    }

    private byte[] nonce(long sequence) {
      byte[] n = baseNonce.clone();
      for (int i = 0; i < 8; i++) {
        n[n.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
      }
      return n;
    }

    @Override
    public String toString() {
      return "Hpke.Context[redacted]";
    }
  }
}
