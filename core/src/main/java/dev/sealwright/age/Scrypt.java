package dev.sealwright.age;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.crypto.InsecureNonceChaCha20Poly1305;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * age's passphrase recipient and identity ({@code scrypt} stanzas), for passphrase-protected
 * identity files. scrypt comes from Bouncy Castle: the JDK has no scrypt.
 */
public final class Scrypt {
  static final String STANZA_TYPE = "scrypt";
  private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(US_ASCII);
  private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]*");
  private static final int SALT_SIZE = 16;

  /** The largest work factor accepted when decrypting, as in age (about 15 s). */
  static final int MAX_WORK_FACTOR = 22;

  /** The work factor used when encrypting, as in age (about 1 s). */
  public static final int DEFAULT_WORK_FACTOR = 18;

  private Scrypt() {}

  /** A recipient that encrypts to a passphrase; it must be a file's only recipient. */
  public static Recipient recipient(SecretBytes passphrase, int workFactor) {
    return new Recipient() {
      @Override
      public List<Stanza> wrap(byte[] fileKey) {
        byte[] salt = new byte[SALT_SIZE];
        new SecureRandom().nextBytes(salt);
        byte[] key = key(passphrase, salt, workFactor);
        byte[] body =
            InsecureNonceChaCha20Poly1305.seal(
                key, new byte[InsecureNonceChaCha20Poly1305.NONCE_SIZE], fileKey, new byte[0]);
        return List.of(
            new Stanza(
                STANZA_TYPE, List.of(Base64Raw.encode(salt), Integer.toString(workFactor)), body));
      }

      @Override
      public List<String> labels() {
        // A unique label: scrypt can never be mixed with another recipient.
        return List.of("scrypt-" + System.identityHashCode(this));
      }

      @Override
      public String encoded() {
        return "scrypt";
      }
    };
  }

  /** An identity that decrypts with a passphrase. */
  public static Identity identity(SecretBytes passphrase) {
    return new Identity() {
      @Override
      public Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws MalformedException {
        for (Stanza s : stanzas) {
          if (s.type().equals(STANZA_TYPE)) {
            return unwrapOne(passphrase, s);
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<Recipient> recipient() {
        return Optional.empty();
      }
    };
  }

  private static Optional<SecretBytes> unwrapOne(SecretBytes passphrase, Stanza s)
      throws MalformedException {
    if (s.args().size() != 2) {
      throw invalid("an scrypt stanza has exactly two arguments");
    }
    byte[] salt = Base64Raw.decode(s.args().get(0)).orElse(null);
    if (salt == null || salt.length != SALT_SIZE) {
      throw invalid("the scrypt salt is not 16 bytes of canonical base64");
    }
    String w = s.args().get(1);
    if (!WORK_FACTOR.matcher(w).matches()
        || w.length() > 2
        || Integer.parseInt(w) > MAX_WORK_FACTOR) {
      throw invalid("the scrypt work factor is not a decimal from 1 to " + MAX_WORK_FACTOR);
    }
    byte[] body = s.body();
    if (body.length != Age.FILE_KEY_SIZE + InsecureNonceChaCha20Poly1305.TAG_SIZE) {
      throw invalid("the scrypt stanza body is not a wrapped 16-byte file key");
    }
    byte[] key = key(passphrase, salt, Integer.parseInt(w));
    return InsecureNonceChaCha20Poly1305.open(
            key, new byte[InsecureNonceChaCha20Poly1305.NONCE_SIZE], body, new byte[0])
        .map(SecretBytes::adopt);
  }

  private static byte[] key(SecretBytes passphrase, byte[] salt, int workFactor) {
    byte[] fullSalt = Bytes.concat(LABEL, salt);
    byte[] p = passphrase.toByteArray();
    try {
      return SCrypt.generate(
          p, fullSalt, 1 << workFactor, 8, 1, InsecureNonceChaCha20Poly1305.KEY_SIZE);
    } finally {
      java.util.Arrays.fill(p, (byte) 0);
    }
  }

  private static MalformedException invalid(String why) {
    return new MalformedException(MalformedException.Part.HEADER, "invalid age header: " + why);
  }
}
