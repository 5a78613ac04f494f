package dev.sealwright.age;

import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * age v1 file encryption (C2SP age): {@code encrypt(plaintext, recipients)} and {@code
 * decrypt(file, identities)}.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Only holders of an identity for one of the recipients can decrypt; the header MAC and the
 *       STREAM tags detect any change to the file.
 *   <li>Post-quantum recipients are never mixed with classic ones in one file, as in age.
 *   <li>Decryption releases plaintext only chunk by chunk after each chunk authenticated.
 * </ul>
 */
public final class Age {
  static final int FILE_KEY_SIZE = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Age() {}

  /**
   * Encrypts {@code plaintext} to every recipient.
   *
   * @throws IllegalArgumentException if there is no recipient, or recipients do not share labels
   *     (for example a post-quantum recipient mixed with a classic one)
   */
  public static byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient is needed");
    }
    Set<String> labels = null;
    for (Recipient r : recipients) {
      Set<String> l = new HashSet<>(r.labels());
      if (labels != null && !labels.equals(l)) {
        throw new IllegalArgumentException(
            "post-quantum recipients cannot be mixed with classic ones, and a passphrase must be the only"
                + " recipient");
      }
      labels = l;
    }
    byte[] fileKey = new byte[FILE_KEY_SIZE];
    RANDOM.nextBytes(fileKey);
    List<Stanza> stanzas = new ArrayList<>();
    for (Recipient r : recipients) {
      stanzas.addAll(r.wrap(fileKey));
    }
    byte[] header = Header.encode(stanzas, fileKey);
    byte[] nonce = new byte[Payload.NONCE_SIZE];
    RANDOM.nextBytes(nonce);
    byte[] payload = Payload.encrypt(fileKey, nonce, plaintext);
    java.util.Arrays.fill(fileKey, (byte) 0);
    byte[] out = java.util.Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, out, header.length, payload.length);
    return out;
  }

  /** Decrypts a binary or armored age file. */
  public static SecretBytes decrypt(byte[] file, List<? extends Identity> identities)
      throws SealingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    decrypt(file, identities, out);
    return SecretBytes.adopt(out.toByteArray());
  }

  /**
   * Decrypts a binary or armored age file into {@code sink}, one authenticated chunk at a time. On
   * a payload failure the sink holds exactly the chunks that authenticated before it.
   */
  public static void decrypt(byte[] file, List<? extends Identity> identities, OutputStream sink)
      throws SealingException {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    Header header = Header.parse(binary);
    SecretBytes fileKey = unwrap(header, identities);
    byte[] key = fileKey.toByteArray();
    try {
      if (!header.macMatches(key)) {
        throw new AuthenticationFailedException(
            AuthenticationFailedException.Part.HEADER_MAC,
            "the age header was altered (its MAC does not match)");
      }
      Payload.decrypt(key, binary, header.payloadOffset(), sink);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
      fileKey.destroy();
    }
  }

  /** The stanza types of a file's header, read without any key. */
  public static List<String> stanzaTypes(byte[] file) throws MalformedException {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    return Header.parse(binary).stanzas().stream().map(Stanza::type).toList();
  }

  /** The plaintext length of a well-formed binary file, from its size alone. */
  public static long plaintextLength(byte[] file) throws MalformedException {
    Header header = Header.parse(file);
    long payload = file.length - header.payloadOffset() - Payload.NONCE_SIZE;
    long chunk = Payload.CHUNK_SIZE + 16L;
    long chunks = Math.max(1, (payload + chunk - 1) / chunk);
    long length = payload - chunks * 16;
    if (payload < 16 || length < 0) {
      throw new MalformedException(MalformedException.Part.HEADER, "the age payload is truncated");
    }
    return length;
  }

  private static SecretBytes unwrap(Header header, List<? extends Identity> identities)
      throws SealingException {
    List<Stanza> stanzas = header.stanzas();
    for (Stanza s : stanzas) {
      if (s.type().equals(Scrypt.STANZA_TYPE) && stanzas.size() != 1) {
        throw new MalformedException(
            MalformedException.Part.HEADER,
            "invalid age header: an scrypt stanza must be the only one");
      }
    }
    for (Identity identity : identities) {
      var fileKey = identity.unwrap(stanzas);
      if (fileKey.isPresent()) {
        return fileKey.get();
      }
    }
    List<String> types = stanzas.stream().map(Stanza::type).toList();
    throw new NoMatchingIdentityException(
        "no identity matched any of the file's recipients (stanza types " + types + ")");
  }
}
