package dev.sealwright.age;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.errors.AuthenticationFailedException;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
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
    byte[] payload = Payload.insecureEncryptWithNonce(fileKey, nonce, plaintext);
    java.util.Arrays.fill(fileKey, (byte) 0);
    return Bytes.concat(header, payload);
  }

  /** Decrypts a binary or armored age file. */
  public static SecretBytes decrypt(byte[] file, List<? extends Identity> identities)
      throws SealingException {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    Header header = Header.parse(binary);
    return decryptToBuffer(binary, header, identities, 1024);
  }

  /**
   * What a caller that takes age files from untrusted hands accepts; checked from the header and
   * the file's size alone, before any key is tried.
   *
   * @param maxPlaintextLength the longest plaintext
   * @param maxStanzas the most recipient stanzas (each costs a key unwrap attempt)
   */
  public record Limits(long maxPlaintextLength, int maxStanzas) {
    public Limits {
      if (maxPlaintextLength < 0 || maxPlaintextLength > Integer.MAX_VALUE - 8 || maxStanzas < 1) {
        throw new IllegalArgumentException("limits out of range");
      }
    }
  }

  /**
   * Decrypts a binary (never armored) age file within {@code limits}.
   *
   * @throws MalformedException with part {@code SIZE} for a file over a limit, part {@code ARMOR}
   *     for an armored file
   */
  public static SecretBytes decrypt(
      byte[] binaryFile, List<? extends Identity> identities, Limits limits)
      throws SealingException {
    Header header = parseWithin(binaryFile, limits);
    long length = Payload.plaintextLength(binaryFile.length - header.payloadOffset());
    return decryptToBuffer(binaryFile, header, identities, (int) length);
  }

  private static Header parseWithin(byte[] binaryFile, Limits limits) throws MalformedException {
    if (Armor.isArmored(binaryFile)) {
      throw new MalformedException(
          MalformedException.Part.ARMOR, "an armored age file is not accepted here; binary only");
    }
    Header header = Header.parse(binaryFile);
    if (header.stanzas().size() > limits.maxStanzas()) {
      throw new MalformedException(
          MalformedException.Part.SIZE,
          "the age file has "
              + header.stanzas().size()
              + " recipient stanzas; the limit is "
              + limits.maxStanzas());
    }
    long length = Payload.plaintextLength(binaryFile.length - header.payloadOffset());
    if (length > limits.maxPlaintextLength()) {
      throw new MalformedException(
          MalformedException.Part.SIZE,
          "the encrypted value is over the " + limits.maxPlaintextLength() + "-byte limit");
    }
    return header;
  }

  private static SecretBytes decryptToBuffer(
      byte[] binary, Header header, List<? extends Identity> identities, int expected)
      throws SealingException {
    WipingBuffer out = new WipingBuffer(expected);
    try {
      decrypt(binary, header, identities, out);
      return out.take();
    } finally {
      out.wipe();
    }
  }

  /**
   * Decrypts a binary or armored age file into {@code sink}, one authenticated chunk at a time. On
   * a payload failure the sink holds exactly the chunks that authenticated before it.
   */
  public static void decrypt(byte[] file, List<? extends Identity> identities, OutputStream sink)
      throws SealingException {
    byte[] binary = Armor.isArmored(file) ? Armor.decode(file) : file;
    decrypt(binary, Header.parse(binary), identities, sink);
  }

  private static void decrypt(
      byte[] binary, Header header, List<? extends Identity> identities, OutputStream sink)
      throws SealingException {
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

  /**
   * What a binary age file says without any key.
   *
   * @param stanzaTypes the recipient stanza types, in header order
   * @param plaintextLength the plaintext length, from the payload size alone
   */
  public record FileInfo(List<String> stanzaTypes, long plaintextLength) {
    public FileInfo {
      stanzaTypes = List.copyOf(stanzaTypes);
    }

    /** Whether every recipient is the post-quantum {@code mlkem768x25519}. */
    public boolean postQuantum() {
      return stanzaTypes.stream().allMatch(HybridRecipient.STANZA_TYPE::equals);
    }
  }

  /** Reads the header of a binary age file, and the plaintext length from the file's size. */
  public static FileInfo describe(byte[] file) throws MalformedException {
    Header header = Header.parse(file);
    return new FileInfo(
        header.stanzas().stream().map(Stanza::type).toList(),
        Payload.plaintextLength(file.length - header.payloadOffset()));
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
